import type { BaseCheckpointSaver, BaseStore } from "@langchain/langgraph-checkpoint";
import { compileGateway } from "./gateway.ts";
import { buildGuardianGraph } from "./guardian.ts";
import { compileMemory } from "./memory.ts";
import { buildRouterGraph } from "./router.ts";
import { compileSupportAgent } from "./support-agent.ts";
import { buildVerificationGraph } from "./verification.ts";

export interface CompileAllGraphsOptions {
  checkpointer?: BaseCheckpointSaver;
  store?: BaseStore;
}

/** The graph ids of langgraph.json, in its order. */
export const graphIds = ["gateway", "router", "memory", "guardian", "verification", "support-agent"] as const;
export type GraphId = (typeof graphIds)[number];

/**
 * Every graph langgraph.json lists, compiled on one checkpointer and store: the one list both the Studio entry
 * (scripts/studio.ts, no persistence: the dev server brings its own) and `switchyard serve` (our saver and
 * store) build from, so the two never serve different graphs. Each run still needs `{ context: { engine } }`.
 *
 * @example
 * const graphs = compileAllGraphs({ checkpointer: openSqliteSaver(":memory:") });
 * await graphs.verification.invoke({ phase: "output", text: "hi" }, { configurable: { thread_id: "t" }, context: { engine } });
 */
export function compileAllGraphs(options: CompileAllGraphsOptions = {}) {
  const persistence = { ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}), ...(options.store ? { store: options.store } : {}) };
  return {
    gateway: compileGateway(persistence),
    router: buildRouterGraph().compile({ ...persistence, name: "router" }),
    memory: compileMemory(persistence),
    guardian: buildGuardianGraph().compile({ ...persistence, name: "guardian" }),
    verification: buildVerificationGraph().compile({ ...persistence, name: "verification" }),
    "support-agent": compileSupportAgent(persistence),
  } satisfies Record<GraphId, unknown>;
}

export type AllGraphs = ReturnType<typeof compileAllGraphs>;
