import type { Runtime } from "@langchain/langgraph";
import { subjectOf, type GuardianGraphStateUpdate, type GuardianGraphStateValue } from "../src/guardian/index.ts";
import { engineOf, type GatewayContext } from "./context.ts";

/** Copies the baselines and incidents in force into state, so Studio and `switchyard guardian` show them. */
export async function guardianSummarise(state: GuardianGraphStateValue, runtime: Runtime<GatewayContext>): Promise<GuardianGraphStateUpdate> {
  const guardian = engineOf(runtime).guardian;
  const { baselines, incidents } = guardian.summary();
  // A schedule tick is also when baselines are saved: doing it per request would put a write on the hot path.
  if (state.trigger === "schedule") guardian.persist();
  return {
    baselines,
    incidents: incidents.map((incident) => ({ subject: subjectOf(incident), detector: incident.detector, action: incident.action, phase: incident.phase, until: incident.until, level: incident.level })),
  };
}
