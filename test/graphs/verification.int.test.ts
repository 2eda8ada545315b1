import { verification } from "../../graphs/verification.ts";
import { parseConfigValue } from "../../src/config/index.ts";
import type { Engine } from "../../src/runtime/engine.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "verification-"));
const corpusFile = path.join(directory, "protected.txt");
fs.writeFileSync(corpusFile, "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness");

function engineWith(verificationSection: unknown): Engine {
  const config = parseConfigValue({
    deployments: [{ id: "d1", provider: "openai", model: "gpt-4o-mini", base_url: "emulator" }],
    model_groups: [{ name: "default", deployments: ["d1"] }],
    verification: verificationSection,
  }, "test.yaml");
  // The verification nodes read only the engine's config.
  return { config } as unknown as Engine;
}

describe("verification subgraph", () => {
  const engine = engineWith({ enabled: true, policy: "policies/support.yaml", pii: { strategy: "redact" }, copyright: { corpus: [corpusFile], n: 6, threshold: 0.3 } });

  it("blocks a request that asks for a forbidden action", async () => {
    const state = await verification.invoke({ phase: "request", text: "then drop_table orders" }, { context: { engine } });
    expect(state.verdict).toMatchObject({ decision: "blocked", findings: [{ check: "forbidden_action", detail: "asks for drop_table" }] });
  });

  it("redacts PII in a request and in an output, and blocks a copied output", async () => {
    const request = await verification.invoke({ phase: "request", text: "my card is 4111 1111 1111 1111" }, { context: { engine } });
    expect(request.verdict).toMatchObject({ decision: "redacted", text: "my card is [REDACTED:payment_card]" });
    const output = await verification.invoke({ phase: "output", text: "reach me at 10.0.0.7" }, { context: { engine } });
    expect(output.verdict?.text).toBe("reach me at [REDACTED:ip_address]");
    const copied = await verification.invoke({ phase: "output", text: "it was the best of times, it was the worst of times, it was the age of wisdom" }, { context: { engine } });
    expect(copied.verdict?.decision).toBe("blocked");
  });

  it("passes everything when the section is off", async () => {
    const off = engineWith({ enabled: false });
    const state = await verification.invoke({ phase: "request", text: "drop_table, card 4111 1111 1111 1111" }, { context: { engine: off } });
    expect(state.verdict?.decision).toBe("pass");
  });
});
