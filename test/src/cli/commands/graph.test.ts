import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { graphCommand, mermaidOf } from "../../../../src/cli/commands/graph.ts";

const listed = Object.keys((JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../../langgraph.json"), "utf8")) as { graphs: Record<string, string> }).graphs);

describe("switchyard graph", () => {
  it("draws the gateway with the router subgraph expanded, its nodes and its conditional edges", async () => {
    const text = await mermaidOf("gateway");
    expect(text).toMatch(/^%%\{init|graph TD;/m);
    expect(text).toContain("subgraph router");
    expect(text).toContain("router_call_model(call_model)");
    expect(text).toMatch(/router_check_output -\. &nbsp;retry_same&nbsp; \.-> router_call_model;/);
    expect(text).toContain("memory_step --> router___start__;");
  });

  it.each(listed)("draws %s, as langgraph.json lists it", async (name) => {
    expect(await mermaidOf(name)).toMatch(/graph TD;[\s\S]*__start__/);
  });

  it("an unknown name lists the graphs and suggests the closest", async () => {
    await expect(mermaidOf("gatewya")).rejects.toThrow(/no graph "gatewya" in langgraph\.json\. Fix: did you mean "gateway"\?/);
  });

  it("--png says why no image is written and exits 1, after printing the Mermaid", async () => {
    const out: string[] = [];
    const errors: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (line: string) => void out.push(line);
    console.error = (line: string) => void errors.push(line);
    try {
      expect(await graphCommand(["router", "--png", "router.png"])).toBe(1);
    } finally {
      console.log = log;
      console.error = error;
    }
    expect(out.join("\n")).toContain("call_model");
    expect(errors.join("\n")).toMatch(/no PNG written to router\.png: .*neither is available offline/);
    expect(fs.existsSync("router.png")).toBe(false);
  });
});
