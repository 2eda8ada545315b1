import type { GuardianEvent } from "../src/guardian/index.ts";
import type { GuardianGraphStateUpdate, GuardianGraphStateValue } from "../src/guardian/index.ts";
import type { Runtime } from "@langchain/langgraph";
import { engineOf, type GatewayContext } from "./context.ts";

/** Detections are alerts; everything the guardian did about them (and its security log) are recoveries. */
export function splitEvents(events: readonly GuardianEvent[]): Pick<GuardianGraphStateUpdate, "alerts" | "recoveries"> {
  return {
    alerts: events.filter((event) => event.category === "detection" || event.category === "security"),
    recoveries: events.filter((event) => event.category === "recovery" || event.category === "restore"),
  };
}

/**
 * The guardian's update: after a request, observe its attempts and judge what they touched (O(1) per
 * attempt); on a schedule, lift expired holds and judge what arrived since.
 */
export async function guardianObserve(state: GuardianGraphStateValue, runtime: Runtime<GatewayContext>): Promise<GuardianGraphStateUpdate> {
  const guardian = engineOf(runtime).guardian;
  const events = state.trigger === "schedule" ? guardian.tick() : guardian.afterRequest({ attempts: state.attempts, correct: state.correct, threadId: state.thread_id });
  return splitEvents(events);
}
