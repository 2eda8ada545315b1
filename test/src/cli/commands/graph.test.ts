import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { graphCommand, mermaidOf } from "../../../../src/cli/commands/graph.ts";
import { graphSvg } from "../../../../src/cli/graph-picture.ts";

const listed = Object.keys((JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../../langgraph.json"), "utf8")) as { graphs: Record<string, string> }).graphs);

describe("switchyard graph", () => {
  it("draws the gateway with the router's two nodes inline, its nodes and its conditional edges", async () => {
    const text = await mermaidOf("gateway");
    expect(text).toMatch(/^%%\{init|graph TD;/m);
    expect(text).toContain("call_model(call_model)");
    expect(text).toMatch(/check_output -\. &nbsp;retry_same&nbsp; \.-> call_model;/);
    expect(text).toContain("memory_step --> call_model;");
  });

  it.each(listed)("draws %s, as langgraph.json lists it", async (name) => {
    expect(await mermaidOf(name)).toMatch(/graph TD;[\s\S]*__start__/);
  });

  it("an unknown name lists the graphs and suggests the closest", async () => {
    await expect(mermaidOf("gatewya")).rejects.toThrow(/no graph "gatewya" in langgraph\.json\. Fix: did you mean "gateway"\?/);
  });

  it("--png writes a PNG of switchyard's own layout, after printing the Mermaid", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-graph-")), "router.png");
    const out: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (line: string) => void out.push(line);
    console.error = () => {};
    try {
      expect(await graphCommand(["gateway", "--png", file])).toBe(0);
    } finally {
      console.log = log;
      console.error = error;
    }
    expect(out.join("\n")).toContain("call_model(call_model)");
    const png = fs.readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBeGreaterThan(400);
    expect(png.readUInt32BE(20)).toBeGreaterThan(1000);
  });

  it("the picture has a box per node, parallel edges merged with their labels", async () => {
    const { compileGateway } = await import("../../../../graphs/index.ts");
    const svg = graphSvg(await compileGateway().getGraphAsync({ xray: true }));
    for (const name of ["accept", "verify_request", "approve", "memory_step", "call_model", "check_output", "verify_output", "guardian"]) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toContain(">retry_same, next_deployment, fallback_group</text>");
  });
});
