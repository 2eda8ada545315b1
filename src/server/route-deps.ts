import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import type { Context } from "hono";
import type { z } from "zod";
import type { Engine } from "../runtime/engine.ts";
import type { SwitchyardMetrics } from "../telemetry/metrics.ts";
import { readJson, validate } from "./http-error.ts";
import type { RunLeases } from "./run-leases.ts";
import type { RunManager } from "./run-manager.ts";
import type { Assistants } from "./assistant-registry.ts";
import type { ServerState } from "./state/server-state.ts";

/** What every route group needs; built once by createServer. */
export interface RouteDeps {
  state: ServerState;
  runs: RunManager;
  /** The thread leases runs hold; state updates and prunes take them too (one writer per thread). */
  leases: RunLeases;
  assistants: Assistants;
  checkpointer: BaseCheckpointSaver;
  store: BaseStore;
  metrics: SwitchyardMetrics;
  engine: Engine | undefined;
  generateId: () => string;
  now: () => number;
}

/** Reads and validates a JSON body, timing the parse for /metrics. */
export async function parseBody<T extends z.ZodType>(deps: RouteDeps, context: Context, schema: T, route: string): Promise<z.output<T>> {
  const started = performance.now();
  try {
    return validate(schema, await readJson(context), "body");
  } finally {
    deps.metrics.parseSeconds.observe({ route }, (performance.now() - started) / 1000);
  }
}
