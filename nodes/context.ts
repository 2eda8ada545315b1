import type { LangGraphRunnableConfig, Runtime } from "@langchain/langgraph";
import { EngineMissingError } from "../src/runtime/engine-missing-error.ts";
import type { Engine } from "../src/runtime/engine.ts";

/** What a gateway run carries besides its state: the engine, shared across threads, never checkpointed. */
export interface GatewayContext {
  engine?: Engine;
}

export type GatewayRuntime = Runtime<GatewayContext>;

/**
 * The engine for this run, from its context. App code, the CLI and the server pass one; the Studio entry
 * (scripts/studio.ts) binds the default one. A run without one is an EngineMissingError, never a default.
 */
export function engineOf(runtime: Pick<GatewayRuntime, "context"> | LangGraphRunnableConfig<GatewayContext> | undefined, where = "a gateway node"): Engine {
  const engine = runtime?.context?.engine;
  if (engine === undefined) throw new EngineMissingError(where);
  return engine;
}
