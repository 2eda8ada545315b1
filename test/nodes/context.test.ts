import { describe, expect, it } from "vitest";
import { compileGateway } from "../../graphs/gateway.ts";
import { EngineMissingError } from "../../src/runtime/engine-missing-error.ts";

describe("a gateway run without an engine", () => {
  it("is an EngineMissingError saying how to pass one, not a run on default emulated backends", async () => {
    const run = compileGateway().invoke({ request: { input: "My order ORD-1 never arrived" } });
    await expect(run).rejects.toThrow(EngineMissingError);
    await expect(compileGateway().invoke({ request: { input: "x" } }, { context: {} })).rejects.toThrow(/context: \{ engine \}/);
  });
});
