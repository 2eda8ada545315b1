import type { LangGraphRunnableConfig, Runtime } from "@langchain/langgraph";
import { EngineMissingError } from "../src/runtime/engine-missing-error.ts";
import type { Engine } from "../src/runtime/engine.ts";
import type { Tracing } from "../src/telemetry/tracing.ts";

/** What a gateway run carries besides its state: the engine, shared across threads, never checkpointed. */
export interface GatewayContext {
  engine?: Engine;
}

export type GatewayRuntime = Runtime<GatewayContext>;

let processEngine: Engine | undefined;

/**
 * Binds the engine that runs arriving without one in their context use, for the process. Only for an entry
 * that hosts graphs under someone else's server: the LangGraph dev server (scripts/studio.ts) passes each run
 * its own `context` (`{}` when the client sent none), which replaces a context bound with `withConfig`. Nothing
 * binds one by default, so library code without an engine still gets an EngineMissingError.
 *
 * @example
 * bindProcessEngine(await startEngine({ configPath: "switchyard.yaml" }));
 */
export function bindProcessEngine(engine: Engine | undefined): void {
  processEngine = engine;
}

/**
 * The engine for this run, from its context. App code, the CLI and the server pass one; the Studio entry
 * (scripts/studio.ts) binds the default one for the process. A run without either is an EngineMissingError,
 * never a default.
 */
export function engineOf(runtime: Pick<GatewayRuntime, "context"> | LangGraphRunnableConfig<GatewayContext> | undefined, where = "a gateway node"): Engine {
  const engine = runtime?.context?.engine ?? processEngine;
  if (engine === undefined) throw new EngineMissingError(where);
  return engine;
}

/** The run's engine's tracing, when it has an engine and tracing is on; never throws (a node wrapper asks). */
export function tracingOf(runtime: Pick<GatewayRuntime, "context"> | undefined): Tracing | undefined {
  return (runtime?.context?.engine ?? processEngine)?.tracing;
}
