import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { attemptSchema } from "../state/gateway-state.ts";
import { eventCategories } from "./guardian-event.ts";

const eventSchema = z.object({
  at: z.number(),
  category: z.enum(eventCategories),
  kind: z.string(),
  subject: z.string(),
  reason: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
});

const baselineSchema = z.object({
  deployment: z.string(),
  mode: z.string(),
  samples: z.number(),
  baseline_samples: z.number(),
  warmed_up: z.boolean(),
  p95_ms: z.number().nullable(),
  baseline_p95_ms: z.number().nullable(),
  correct_rate: z.number().nullable(),
  baseline_correct_rate: z.number().nullable(),
  error_rate: z.number().nullable(),
  learning: z.boolean(),
});

/** Alerts and recoveries keep the newest this many, so a long-lived thread's state stays small. */
export const GUARDIAN_EVENTS_KEPT = 50;

const keepNewest = (current: z.infer<typeof eventSchema>[], next: z.infer<typeof eventSchema>[]) => [...current, ...next].slice(-GUARDIAN_EVENTS_KEPT);

/**
 * The guardian subgraph's state, as Studio shows it: the attempts of the request just finished (or none on
 * a scheduled run), the detections (alerts) and actions (recoveries, restores) so far, and a summary of
 * every (deployment, mode) baseline with the incidents in force.
 */
export const GuardianGraphState = new StateSchema({
  trigger: z.enum(["request", "schedule"]).default("request"),
  attempts: z.array(attemptSchema).default(() => []),
  correct: z.boolean().optional(),
  thread_id: z.string().optional(),
  alerts: new ReducedValue(z.array(eventSchema).default(() => []), { inputSchema: z.array(eventSchema), reducer: keepNewest }),
  recoveries: new ReducedValue(z.array(eventSchema).default(() => []), { inputSchema: z.array(eventSchema), reducer: keepNewest }),
  baselines: z.array(baselineSchema).default(() => []),
  incidents: z.array(z.object({ subject: z.string(), detector: z.string(), action: z.string(), phase: z.string(), until: z.number(), level: z.number() })).default(() => []),
});

export type GuardianGraphStateValue = typeof GuardianGraphState.State;
export type GuardianGraphStateUpdate = typeof GuardianGraphState.Update;
