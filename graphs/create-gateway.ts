import { Command } from "@langchain/langgraph";
import { loadConfig } from "../src/config/load.ts";
import { openPersistence, type Persistence } from "../checkpoints/open-persistence.ts";
import { checkRequest } from "../src/runtime/check-request.ts";
import { startEngine, type StartEngineOptions, type StartedEngine } from "../src/runtime/start-engine.ts";
import { gatewayRequestSchema, type GatewayRequestInput, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { SwitchyardError } from "../src/errors.ts";
import { compileGateway, type CompiledGateway } from "./gateway.ts";

export interface CreateGatewayOptions extends StartEngineOptions {
  /** Overrides the config's `checkpoints.url` (a SQLite path, ":memory:" or postgres://). */
  checkpoints?: string;
}

export class InvalidRequestError extends SwitchyardError {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super("input_invalid", `invalid gateway request: ${issues.join("; ")}. Fix: see GatewayRequest in the README.`);
    this.issues = issues;
  }
}

/** A running gateway: the compiled graph on its checkpointer, and the engine it runs with. */
export interface Gateway {
  readonly graph: CompiledGateway;
  readonly engine: StartedEngine;
  readonly persistence: Persistence;
  /**
   * Runs one request on a thread to its end or its first interrupt. A request this gateway cannot serve
   * (malformed, unknown model group/deployment/schema, a schema no allowed mode can carry) throws its typed
   * error before any backend call and before any checkpoint; the compiled graph itself (server, Studio)
   * ends such a request with status "rejected" instead.
   */
  invoke(request: GatewayRequestInput, options: { threadId: string }): Promise<GatewayStateValue>;
  /** Resumes an interrupted thread with a human's answer. */
  resume(threadId: string, value: unknown): Promise<GatewayStateValue>;
  /** Streams state updates per node. */
  stream(request: GatewayRequestInput, options: { threadId: string }): AsyncIterable<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Starts the engine (and emulators, on the default config), opens persistence and compiles the gateway.
 *
 * @example
 * const gateway = await createGateway();
 * const state = await gateway.invoke({ input: "My order ORD-1 never arrived" }, { threadId: "t1" });
 * console.log(state.output?.structured);
 * await gateway.close();
 */
export async function createGateway(options: CreateGatewayOptions = {}): Promise<Gateway> {
  const loaded = options.config ?? loadConfig(options.configPath).config;
  // One persistence choice for everything the engine opens (the guardian's event log included).
  const config = options.checkpoints === undefined ? loaded : { ...loaded, checkpoints: { url: options.checkpoints } };
  const persistence = await openPersistence(config.checkpoints.url);
  const engine = await startEngine({ ...options, config, store: persistence.store }).catch(async (error: unknown) => {
    await persistence.close();
    throw error;
  });
  const graph = compileGateway({ checkpointer: persistence.checkpointer, store: persistence.store });
  const configFor = (threadId: string) => ({ configurable: { thread_id: threadId }, context: { engine } });
  const checked = (request: GatewayRequestInput) => {
    const parsed = gatewayRequestSchema.safeParse(request);
    if (!parsed.success) {
      throw new InvalidRequestError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`));
    }
    // Unknown group/deployment/schema: thrown like a malformed request, before any thread state is written.
    checkRequest(engine, parsed.data);
    return parsed.data;
  };
  return {
    graph,
    engine,
    persistence,
    invoke: async (request, { threadId }) => graph.invoke({ request: checked(request) }, configFor(threadId)),
    resume: (threadId, value) => graph.invoke(new Command({ resume: value }), configFor(threadId)),
    async *stream(request, { threadId }) {
      const stream = await graph.stream({ request: checked(request) }, { ...configFor(threadId), streamMode: "updates" });
      for await (const chunk of stream) yield chunk as Record<string, unknown>;
    },
    async close() {
      await engine.close();
      await persistence.close();
    },
  };
}
