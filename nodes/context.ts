import type { Runtime } from "@langchain/langgraph";
import { defaultEngine } from "../src/runtime/default-engine.ts";
import type { Engine } from "../src/runtime/engine.ts";

/** What a gateway run carries besides its state: the engine, shared across threads, never checkpointed. */
export interface GatewayContext {
  engine?: Engine;
}

export type GatewayRuntime = Runtime<GatewayContext>;

/**
 * The engine for this run. App code and the CLI pass one in `context`; LangGraph Studio and the dev server
 * pass none, so the process-wide default (built-in config on the emulators) serves them.
 */
export async function engineOf(runtime: GatewayRuntime | undefined): Promise<Engine> {
  return runtime?.context?.engine ?? defaultEngine();
}
