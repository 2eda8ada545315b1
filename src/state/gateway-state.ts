import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { errorClasses, outputModeNames } from "../config/schema.ts";
import type { TokenizerName } from "../tokens/token-stamp.ts";
import { countedMessagesValue } from "./counted-messages.ts";
import { memoryStateSchema } from "./memory-state.ts";
import { outputContractSchema } from "./output-contract.ts";

/**
 * The gateway's durable, per-thread state. It is checkpointed after every step, so it carries a schema
 * version: a checkpoint written by a newer switchyard is refused instead of misread (see
 * `assertStateVersion`).
 */
export const GATEWAY_STATE_VERSION = 1;

export const triadWeightsSchema = z.object({
  correctness: z.number().nonnegative(),
  latency: z.number().nonnegative(),
  cost: z.number().nonnegative(),
});
export type TriadWeights = z.infer<typeof triadWeightsSchema>;

/** What the caller asks for. Validated at the edge (app code, CLI input file, server body). */
export const gatewayRequestSchema = z.strictObject({
  /** The text to structure. */
  input: z.string().min(1, "input must not be empty"),
  /** A schema registered with the engine; `ticket` is the bundled workload's. */
  schema_id: z.string().default("ticket"),
  model_group: z.string().optional(),
  weights: triadWeightsSchema.optional(),
  deadline_ms: z.number().int().positive().optional(),
  max_attempts: z.number().int().positive().optional(),
  /** Pin a deployment and/or an output mode (the demo measures every cell this way). */
  deployment: z.string().optional(),
  mode: z.enum(outputModeNames).optional(),
  /** How the output contract travels (emit method, schema constraint, compact); the triad bench varies it. */
  output_contract: outputContractSchema.optional(),
  /** Whose long-term memory (facts, preferences) this request may recall and add to. */
  user_id: z.string().optional(),
  /** Session key for affinity routing. */
  session_key: z.string().optional(),
  /**
   * `buffered` (default): nothing reaches the caller before validation, so a stream that breaks after its
   * first token is retried elsewhere like any dropped stream. `live`: the caller may already have shown
   * the partial tokens, so such a break ends the request with a stream_interrupted error carrying them.
   */
  stream_policy: z.enum(["buffered", "live"]).default("buffered"),
  /** Pause for a human decision before any model is called. */
  approval: z.enum(["none", "required"]).default("none"),
  /**
   * Id of a workload task, so a study can score the answer against its gold label afterwards. The request
   * path never reads it: nothing the engine learns from depends on it.
   */
  task_id: z.string().optional(),
});
export type GatewayRequest = z.output<typeof gatewayRequestSchema>;
export type GatewayRequestInput = z.input<typeof gatewayRequestSchema>;

export const routeChoiceSchema = z.object({
  group: z.string().optional(),
  deployment: z.string(),
  provider: z.string(),
  mode: z.enum(outputModeNames),
  reason: z.string(),
  /** The routing lease (concurrency/rpm/tpm slot) held for this call. */
  lease_id: z.string().optional(),
  /**
   * The lease's reserved tokens and when it was taken: with its id, what any process needs to release it
   * (a thread may finish in another process than the one that routed it). Absent in older checkpoints.
   */
  lease_tokens: z.number().optional(),
  lease_acquired_at: z.number().optional(),
  /** Calls in flight on the deployment when this one was routed, itself included: the load its latency saw. */
  in_flight: z.number().optional(),
});
export type RouteChoice = z.infer<typeof routeChoiceSchema>;

/** The cheap repair call made after local repair failed (output_modes.repair_call); its spend is its own. */
export const repairRecordSchema = z.object({
  deployment: z.string(),
  latency_ms: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
  ok: z.boolean(),
  message: z.string().optional(),
});
export type RepairRecord = z.infer<typeof repairRecordSchema>;

export const attemptSchema = z.object({
  group: z.string().optional(),
  deployment: z.string(),
  mode: z.enum(outputModeNames),
  started_at: z.number(),
  latency_ms: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
  outcome: z.enum(["ok", "transport_error", "invalid_output"]),
  error_class: z.enum(errorClasses).optional(),
  retry_after_ms: z.number().optional(),
  message: z.string().optional(),
  reason: z.string(),
  repair: repairRecordSchema.optional(),
  /** Calls in flight on the deployment when this one was routed, itself included (the guardian's load baseline). */
  in_flight: z.number().optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** The call in flight between call_model and validate: becomes an Attempt once its outcome is known. */
export const callSchema = z.object({
  group: z.string().optional(),
  lease_id: z.string().optional(),
  lease_tokens: z.number().optional(),
  lease_acquired_at: z.number().optional(),
  deployment: z.string(),
  mode: z.enum(outputModeNames),
  reason: z.string(),
  started_at: z.number(),
  latency_ms: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost_usd: z.number(),
  repair: repairRecordSchema.optional(),
  in_flight: z.number().optional(),
});
export type CallRecord = z.infer<typeof callSchema>;

export const outputSchema = z.object({
  raw: z.string().default(""),
  tool_arguments: z.unknown().optional(),
  structured: z.unknown().optional(),
  valid: z.boolean().default(false),
  repaired: z.boolean().default(false),
  /** Set only by code outside the request path that scores against a gold label; the gateway never sets it. */
  correct: z.boolean().optional(),
  /** Names this answer for feedback (`engine.feedback.record({ request_id, correct })` or `POST /feedback`). */
  request_id: z.string().optional(),
  errors: z.array(z.string()).default([]),
});
export type GatewayOutput = z.infer<typeof outputSchema>;

/** What the router decided after an attempt (recorded by the router subgraph's check_output node). */
export const routeActions = ["success", "retry_same", "next_deployment", "fallback_group", "give_up"] as const;
export type RouteAction = (typeof routeActions)[number];

export const routeDecisionSchema = z.object({
  action: z.enum(routeActions),
  reason: z.string(),
  /** How many attempts the request had when this was decided: a decision only applies to that attempt. */
  after_attempt: z.number().int().nonnegative(),
  delay_ms: z.number().nonnegative().optional(),
  fallback_group: z.string().optional(),
  /** With give_up: the error code the request ends with. */
  error_code: z.enum(["no_deployment_available", "deadline_exceeded", "stream_interrupted"]).optional(),
});
export type RouteDecision = z.infer<typeof routeDecisionSchema>;

export const gatewayStatusSchema = z.enum(["pending", "awaiting_approval", "succeeded", "failed", "rejected"]);

/** The tokenizers every gateway message is stamped with as it enters state (see countedMessagesValue). */
export const GATEWAY_TOKENIZERS = ["estimate", "o200k_base"] as const satisfies readonly TokenizerName[];

export const GatewayState = new StateSchema({
  schema_version: z.number().int().default(GATEWAY_STATE_VERSION),
  // Messages carry their token counts from the moment they enter state, so trimming a long thread never
  // recounts it (the memory step reads the stamps).
  messages: countedMessagesValue(GATEWAY_TOKENIZERS),
  request: gatewayRequestSchema.optional(),
  /** Epoch ms by which the request must be finished. */
  deadline_at: z.number().optional(),
  choice: routeChoiceSchema.optional(),
  call: callSchema.optional(),
  attempts: new ReducedValue(z.array(attemptSchema).default(() => []), {
    inputSchema: z.array(attemptSchema),
    reducer: (current: Attempt[], next: Attempt[]) => [...current, ...next],
  }),
  output: outputSchema.optional(),
  /** The router's last decision, for the router subgraph's conditional edges and the route trace. */
  route_decision: routeDecisionSchema.optional(),
  /** Summaries, token counts and recalled facts kept by the memory step. */
  memory: memoryStateSchema.optional(),
  status: gatewayStatusSchema.default("pending"),
  /**
   * Whether this request goes through verify_request and verify_output, fixed by accept from the engine's
   * config, so the graph's edges read state, not the engine (`updateState` evaluates edges without a
   * context). Absent in older checkpoints, which are verified as they were.
   */
  verify: z.boolean().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

/**
 * What the router subgraph reads and what it writes, for nesting it lean (see buildRouterGraph's `lean`):
 * every field a subgraph takes in is validated and written at its start, every field it hands back is
 * validated, written and checkpointed again by the host.
 */
const { request, deadline_at, messages, memory, attempts, status, choice, call, output, route_decision, error } = GatewayState.fields;
export const RouterInputState = new StateSchema({ request, deadline_at, messages, memory, attempts, status });
export const RouterOutputState = new StateSchema({ choice, call, attempts, output, route_decision, status, error, messages });

export type GatewayStateValue = typeof GatewayState.State;
export type GatewayStateUpdate = typeof GatewayState.Update;
