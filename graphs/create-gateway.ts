import { randomUUID } from "node:crypto";
import { Command } from "@langchain/langgraph";
import { loadConfig } from "../src/config/load.ts";
import { openPersistence, type Persistence } from "../checkpoints/open-persistence.ts";
import { checkRequest } from "../src/runtime/check-request.ts";
import { LeaseKeeper } from "../checkpoints/lease-keeper.ts";
import { newInstanceId, ownerProcessGone } from "../checkpoints/lease-owner.ts";
import { defaultLeaseTiming } from "../checkpoints/thread-leases.ts";
import type { EmulatedBackends } from "../src/backends/emulated-backends.ts";
import { startEngine, type StartEngineOptions, type StartedEngine } from "../src/runtime/start-engine.ts";
import { gatewayRequestSchema, type GatewayRequestInput, type GatewayStateValue } from "../src/state/gateway-state.ts";
import { SwitchyardError } from "../src/errors.ts";
import { verifierFromConfig } from "../src/verification/index.ts";
import { checkedUpdates } from "./checked-updates.ts";
import type { FeedbackReceipt } from "../src/output-modes/feedback.ts";
import { attemptSpend } from "../src/state/attempt-spend.ts";
import { requestEnd, requestStartAttributes } from "../src/telemetry/tracing-attributes.ts";
import { compileGateway, type CompiledGateway } from "./gateway.ts";

export interface CreateGatewayOptions<Running extends EmulatedBackends = EmulatedBackends> extends StartEngineOptions<Running> {
  /** Overrides the config's `checkpoints.url` (a SQLite path, ":memory:" or postgres://). */
  checkpoints?: string;
  /** This process's id in thread leases; default `host:pid:random`, so a same-host successor sees it died. */
  instanceId?: string;
  /** Run ids in thread leases; default randomUUID. */
  generateId?: () => string;
}

export class InvalidRequestError extends SwitchyardError {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super("input_invalid", `invalid gateway request: ${issues.join("; ")}. Fix: see GatewayRequest in the README.`);
    this.issues = issues;
  }
}

/** A running gateway: the compiled graph on its checkpointer, and the engine it runs with. */
export interface Gateway<Running extends EmulatedBackends = EmulatedBackends> {
  readonly graph: CompiledGateway;
  readonly engine: StartedEngine<Running>;
  readonly persistence: Persistence;
  /** This gateway's thread leases: every invoke, resume, stream and continueThread holds its thread's lease. */
  readonly leases: LeaseKeeper;
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
  /**
   * Continues a thread whose run stopped without finishing (its process crashed) from its last checkpoint.
   * Tasks that completed before the crash are not run again: their writes are kept with the checkpoint.
   */
  continueThread(threadId: string): Promise<GatewayStateValue>;
  /**
   * A delayed verdict on an answered request (`{ request_id | run_id | thread_id, correct | score }`), recorded
   * into the adaptive policy for the (deployment, mode) that served it. Throws FeedbackInvalidError or
   * UnknownRequestError; a second verdict on the same request comes back `duplicate: true` and is not counted.
   */
  feedback(input: unknown): Promise<FeedbackReceipt>;
  close(): Promise<void>;
}

/**
 * Starts the engine (and the emulators, when the config has emulated deployments and `emulators` launches
 * them), opens persistence and compiles the gateway.
 * Each run holds its thread's lease: a second run on a busy thread, from this or any process on the same
 * database, is a ThreadBusyError naming the holder, never a silent fork.
 *
 * @example
 * const gateway = await createGateway({ configPath: "switchyard.yaml" });
 * const state = await gateway.invoke({ input: "My order ORD-1 never arrived" }, { threadId: "t1" });
 * console.log(state.output?.structured);
 * await gateway.close();
 */
export async function createGateway<Running extends EmulatedBackends = EmulatedBackends>(options: CreateGatewayOptions<Running> = {}): Promise<Gateway<Running>> {
  const loaded = options.config ?? loadConfig(options.configPath).config;
  // One persistence choice for everything the engine opens (the guardian's event log included).
  const config = options.checkpoints === undefined ? loaded : { ...loaded, checkpoints: { ...loaded.checkpoints, url: options.checkpoints } };
  const lease = config.checkpoints.lease;
  const persistence = await openPersistence(config.checkpoints.url, { leaseTtlMs: lease?.ttl_ms ?? defaultLeaseTiming.ttlMs, ...(options.now ? { now: options.now } : {}) });
  const engine = await startEngine({ ...options, config, store: persistence.store }).catch(async (error: unknown) => {
    await persistence.close();
    throw error;
  });
  const graph = compileGateway({ checkpointer: persistence.checkpointer, store: persistence.store });
  const leases = new LeaseKeeper({
    leases: persistence.leases,
    instanceId: options.instanceId ?? newInstanceId(),
    heartbeatMs: lease?.heartbeat_ms ?? defaultLeaseTiming.heartbeatMs,
    ...(options.now ? { now: options.now } : {}),
  });
  const generateId = options.generateId ?? randomUUID;
  const configFor = (threadId: string, signal?: AbortSignal) => ({ configurable: { thread_id: threadId }, context: { engine }, ...(signal ? { signal } : {}) });
  // With tracing on, each run is a request span; its nodes and model calls open theirs inside (src/telemetry).
  const traced = (threadId: string, run: () => Promise<GatewayStateValue>, modelGroup?: string) =>
    engine.tracing === undefined ? run() : engine.tracing.requests.request(threadId, "gateway", requestStartAttributes("gateway", threadId, modelGroup), run, requestEnd);
  // A holder whose process is gone (same host, pid dead) is taken over at once instead of after its expiry.
  const holding = async <T>(threadId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const held = await leases.hold(threadId, generateId(), { takeOver: (holder) => ownerProcessGone(holder.instanceId) });
    try {
      return await work(held.signal);
    } finally {
      await held.release();
    }
  };
  const checked = (request: GatewayRequestInput) => {
    const parsed = gatewayRequestSchema.safeParse(request);
    if (!parsed.success) {
      throw new InvalidRequestError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`));
    }
    // Unknown group/deployment/schema: thrown like a malformed request, before any thread state is written.
    checkRequest(engine, parsed.data);
    return parsed.data;
  };
  // Shadow agreement asks the same request of another (deployment, mode) through this graph, on a thread of
  // its own, pinned and with one attempt: a real call, checkpointed and metered like any other.
  engine.shadow.attach(async (target, request, threadId) => {
    // No user_id or session_key: a shadow must not write the user's memory or pin their session twice.
    const { user_id: _user, session_key: _session, ...rest } = request;
    const shadowRequest = { ...rest, deployment: target.deployment, mode: target.mode, max_attempts: 1 };
    const state = await holding(threadId, (signal) => graph.invoke({ request: shadowRequest }, configFor(threadId, signal)));
    const spend = state.attempts.map(attemptSpend);
    return {
      structured: state.output?.structured,
      valid: state.output?.valid === true,
      tokens: spend.reduce((sum, item) => sum + item.tokens, 0),
      costUsd: spend.reduce((sum, item) => sum + item.costUsd, 0),
    };
  });
  return {
    graph,
    engine,
    feedback: (input) => engine.feedback.record(input),
    persistence,
    leases,
    invoke: async (request, { threadId }) => {
      const input = { request: checked(request) };
      return holding(threadId, (signal) => traced(threadId, () => graph.invoke(input, configFor(threadId, signal)), input.request.model_group));
    },
    resume: (threadId, value) => holding(threadId, (signal) => traced(threadId, () => graph.invoke(new Command({ resume: value }), configFor(threadId, signal)))),
    continueThread: (threadId) => holding(threadId, (signal) => traced(threadId, () => graph.invoke(null, configFor(threadId, signal)))),
    async *stream(request, { threadId }) {
      const input = { request: checked(request) };
      const held = await leases.hold(threadId, generateId(), { takeOver: (holder) => ownerProcessGone(holder.instanceId) });
      try {
        const open = async () => (await graph.stream(input, { ...configFor(threadId, held.signal), streamMode: "updates" })) as AsyncIterable<Record<string, unknown>>;
        // Updates carry no final state: the request span's end says nothing more than its nodes do.
        const stream = engine.tracing === undefined ? await open() : engine.tracing.requests.stream(threadId, "gateway", requestStartAttributes("gateway", threadId, input.request.model_group), open, () => ({ attributes: {} }));
        // With verification on, the model's answer goes out only after verify_output has checked it.
        yield* verifierFromConfig(engine.config.verification).enabled ? checkedUpdates(stream) : stream;
      } finally {
        await held.release();
      }
    },
    async close() {
      await engine.shadow.drain();
      await leases.stop();
      await engine.close();
      await persistence.close();
    },
  };
}
