import { z } from "zod";
import { createGateway, parseConfigValue, type Gateway } from "../../graphs/index.ts";
import { defaultConfigInput } from "../../src/config/index.ts";
import { quietProfile, emulatorLauncher, type RunningEmulators } from "../../src/emulators/index.ts";
import { SchemaNotCarriableError } from "../../src/output-modes/index.ts";
import { DeploymentNotInGroupError, UnknownDeploymentError } from "../../src/runtime/unknown-deployment-error.ts";
import { UnknownModelGroupError } from "../../src/runtime/unknown-model-group-error.ts";
import { UnknownSchemaError } from "../../src/runtime/schema-registry.ts";
import type { GatewayRequestInput, GatewayStateValue } from "../../src/state/gateway-state.ts";
import { ticketExtractionSchema } from "../../src/workload/schema.ts";
import { workloadTasks } from "../../src/workload/index.ts";

const task = workloadTasks()[0]!;

/** The default config plus a second group, "local", that has only the Ollama deployment. */
function configWithLocalGroup() {
  const input = defaultConfigInput();
  return parseConfigValue({ ...input, model_groups: [...input.model_groups, { name: "local", deployments: ["ollama-llama3.1"] }] }, "test");
}

type TreeNode = { name: string; children: TreeNode[] };
const treeSchema: z.ZodType<TreeNode> = z.object({ name: z.string(), get children() { return z.array(treeSchema); } });

describe("bad input is refused before any backend call", () => {
  let gateway: Gateway<RunningEmulators>;
  const backendCalls = () => gateway.engine.emulators!.stats().total;
  /** The compiled graph as the server and Studio run it: no Gateway.invoke pre-check. */
  const runGraph = async (request: GatewayRequestInput, threadId: string) =>
    (await gateway.graph.invoke({ request }, { configurable: { thread_id: threadId }, context: { engine: gateway.engine } })) as GatewayStateValue;

  beforeAll(async () => {
    gateway = await createGateway({ config: configWithLocalGroup(), emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
    gateway.engine.schemas
      .register({ id: "ticket_total", name: "ticket_total", schema: ticketExtractionSchema.extend({ amount: z.string().transform(Number) }) })
      .register({ id: "dated", name: "dated", schema: z.object({ when: z.date() }) })
      .register({ id: "tree", name: "tree", schema: treeSchema });
  });
  afterAll(async () => gateway.close());

  it("an unknown model group throws from Gateway.invoke, naming the value, the declared groups and the nearest", async () => {
    const error = await gateway.invoke({ input: task.input, model_group: "extrct" }, { threadId: "group-1" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownModelGroupError);
    expect(error).toMatchObject({ code: "model_group_unknown", value: "extrct", declared: ["extract", "local"], suggestion: "extract" });
    expect((error as Error).message).toMatch(/request\.model_group "extrct".*did you mean "extract"\?.*use one of: extract, local/);
    const snapshot = await gateway.graph.getState({ configurable: { thread_id: "group-1" } });
    expect(snapshot.config.configurable?.checkpoint_id).toBeUndefined();
    expect(backendCalls()).toBe(0);
  });

  it("the graph (server, Studio) ends the same request rejected at accept, with the code and the fix", async () => {
    const state = await runGraph({ input: task.input, model_group: "nowhere" }, "group-2");
    expect(state.status).toBe("rejected");
    expect(state.error?.code).toBe("model_group_unknown");
    expect(state.error?.message).toMatch(/"nowhere" is not a model group.*Fix: use one of: extract, local/);
    expect(state.attempts).toHaveLength(0);
    expect(backendCalls()).toBe(0);
  });

  it("unknown deployments, and a pin outside the named group, are typed errors too", async () => {
    await expect(gateway.invoke({ input: task.input, deployment: "ollama-llama3" }, { threadId: "dep-1" })).rejects.toThrow(UnknownDeploymentError);
    await expect(gateway.invoke({ input: task.input, deployment: "ollama-llama3" }, { threadId: "dep-1" })).rejects.toThrow(/did you mean "ollama-llama3\.1"\?/);
    const outside = await gateway.invoke({ input: task.input, model_group: "local", deployment: "openai-gpt-4o-mini" }, { threadId: "dep-2" }).catch((caught: unknown) => caught);
    expect(outside).toBeInstanceOf(DeploymentNotInGroupError);
    expect(outside).toMatchObject({ deploymentId: "openai-gpt-4o-mini", group: "local", members: ["ollama-llama3.1"] });
    const state = await runGraph({ input: task.input, model_group: "local", deployment: "gemini-2.5-flash" }, "dep-3");
    expect([state.status, state.error?.code]).toEqual(["rejected", "deployment_unknown"]);
    expect(backendCalls()).toBe(0);
  });

  it("a schema with a transform or a date is refused with its path, with 0 backend calls", async () => {
    const transformed = await gateway.invoke({ input: task.input, schema_id: "ticket_total" }, { threadId: "schema-1" }).catch((caught: unknown) => caught);
    expect(transformed).toBeInstanceOf(SchemaNotCarriableError);
    expect(transformed).toMatchObject({ code: "schema_unsupported", schemaId: "ticket_total", path: "amount" });
    expect((transformed as Error).message).toMatch(/a \.transform\(\).*at schema path amount\. Fix: register the schema of the JSON the model writes/);
    const dated = await runGraph({ input: task.input, schema_id: "dated" }, "schema-2");
    expect([dated.status, dated.error?.code]).toEqual(["rejected", "schema_unsupported"]);
    expect(dated.error?.message).toMatch(/a date \(z\.date\(\)\) at schema path when/);
    expect(backendCalls()).toBe(0);
  });

  it("a recursive schema is refused only in a pinned mode that cannot carry it, naming provider and path", async () => {
    const error = await gateway.invoke({ input: task.input, schema_id: "tree", deployment: "openai-gpt-4o-mini", mode: "emit" }, { threadId: "schema-3" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchemaNotCarriableError);
    expect(error).toMatchObject({ provider: "openai", path: "children[]" });
    expect((error as Error).message).toMatch(/recursive reference.*in mode emit.*or pin another mode than emit/);
    expect(backendCalls()).toBe(0);
  });

  it("an unknown schema id still throws its own typed error", async () => {
    await expect(gateway.invoke({ input: "x", schema_id: "tickte" }, { threadId: "schema-4" })).rejects.toThrow(UnknownSchemaError);
    expect(backendCalls()).toBe(0);
  });

  it("a request edited to an unknown group after accept is refused at routing, never served by the default group", async () => {
    const paused = await gateway.invoke({ input: task.input, approval: "required" }, { threadId: "edit-1" });
    expect(paused.status).toBe("awaiting_approval");
    const thread = { configurable: { thread_id: "edit-1" } };
    await gateway.graph.updateState(thread, { request: { ...paused.request!, model_group: "ghost" } });
    await expect(gateway.resume("edit-1", { approved: true })).rejects.toThrow(UnknownModelGroupError);
    expect(backendCalls()).toBe(0);
  });

  it("a request naming a declared group is served by that group only", async () => {
    const state = await gateway.invoke({ input: task.input, task_id: task.id, model_group: "local" }, { threadId: "local-1" });
    expect(state.status).toBe("succeeded");
    expect(state.attempts.every((attempt) => attempt.deployment === "ollama-llama3.1" && attempt.group === "local")).toBe(true);
    const stats = gateway.engine.emulators!.stats();
    expect([stats.byBackend.openai, stats.byBackend.gemini]).toEqual([0, 0]);
    expect(stats.byBackend.ollama).toBeGreaterThan(0);
  });

  it("unpinned, a recursive schema is routed to a mode that can carry it on every backend", async () => {
    for (const deployment of ["openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"]) {
      const result = await gateway.invoke({ input: "Draw the org chart of the support team.", schema_id: "tree", deployment }, { threadId: `schema-tree-${deployment}` });
      expect(result.status).toBe("succeeded");
      expect(result.attempts.every((attempt) => attempt.mode !== "emit")).toBe(true);
      expect(result.output?.valid).toBe(true);
      expect(treeSchema.safeParse(result.output?.structured).success).toBe(true);
    }
  });

});
