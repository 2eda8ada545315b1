import { z } from "zod";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { SchemaNotCarriableError } from "../../../src/output-modes/index.ts";
import { checkRequest } from "../../../src/runtime/check-request.ts";
import { createEngine } from "../../../src/runtime/engine.ts";
import { createRouting } from "../../../src/runtime/routing.ts";
import { groupFor } from "../../../src/runtime/route-plan.ts";
import { DeploymentNotInGroupError, UnknownDeploymentError } from "../../../src/runtime/unknown-deployment-error.ts";
import { UnknownModelGroupError } from "../../../src/runtime/unknown-model-group-error.ts";
import { gatewayRequestSchema, type GatewayRequestInput } from "../../../src/state/gateway-state.ts";

const input = defaultConfigInput();
const config = parseConfigValue(
  {
    ...input,
    model_groups: [...input.model_groups, { name: "local", deployments: ["ollama-llama3.1"] }],
    output_modes: { allowed: ["emit", "reconstruct"] },
  },
  "test",
);
// checkRequest runs before any routing: the engine's routing is real but never asked for a call.
const engine = createEngine({ config, routing: (parts) => createRouting(parts) });
engine.schemas.register({ id: "scores", name: "scores", schema: z.object({ scores: z.record(z.string(), z.number()) }) });
const check = (request: GatewayRequestInput) => () => checkRequest(engine, gatewayRequestSchema.parse(request));

describe("checkRequest", () => {
  it("passes a plain request, a declared group, and a pin inside it", () => {
    expect(check({ input: "x" })).not.toThrow();
    expect(check({ input: "x", model_group: "local" })).not.toThrow();
    expect(check({ input: "x", model_group: "local", deployment: "ollama-llama3.1" })).not.toThrow();
    expect(check({ input: "x", deployment: "gemini-2.5-flash" })).not.toThrow();
  });

  it("refuses an unknown group with the value, the declared names and the nearest one", () => {
    expect(check({ input: "x", model_group: "lcoal" })).toThrow(UnknownModelGroupError);
    expect(check({ input: "x", model_group: "lcoal" })).toThrow(/did you mean "local"\?.*use one of: extract, local/);
    expect(check({ input: "x", model_group: "zzzzzzzz" })).toThrow(/Fix: use one of: extract, local, or declare it under model_groups/);
  });

  it("refuses an unknown deployment and a pin outside the named group", () => {
    expect(check({ input: "x", deployment: "gpt-4o" })).toThrow(UnknownDeploymentError);
    expect(check({ input: "x", model_group: "local", deployment: "gemini-2.5-flash" })).toThrow(DeploymentNotInGroupError);
  });

  it("checks the schema against the providers and modes the request may reach", () => {
    // OpenAI's and Gemini's emit cannot carry an open-ended map, but compressed and reconstruct can:
    // unpinned, the router skips emit there, so the request is not refused.
    expect(check({ input: "x", schema_id: "scores" })).not.toThrow();
    // Pinned to emit, the default group's OpenAI and Gemini cannot carry it.
    expect(check({ input: "x", schema_id: "scores", mode: "emit" })).toThrow(SchemaNotCarriableError);
    // Ollama's emit (format) takes a map, and reconstruct reads it anywhere.
    expect(check({ input: "x", schema_id: "scores", model_group: "local", mode: "emit" })).not.toThrow();
    expect(check({ input: "x", schema_id: "scores", mode: "reconstruct" })).not.toThrow();
  });

  it("groupFor never falls back to another group for a name it does not know", () => {
    expect(groupFor(config, {}).name).toBe("extract");
    expect(() => groupFor(config, { model_group: "ghost" })).toThrow(UnknownModelGroupError);
  });
});
