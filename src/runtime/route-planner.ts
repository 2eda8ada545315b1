import type { DeploymentConfig, ModelGroupConfig, SwitchyardConfig } from "../config/schema.ts";
import type { OutputMode } from "../output-modes/protocol.ts";
import type { Attempt, GatewayRequest, RepairRecord, RouteDecision } from "../state/gateway-state.ts";
import { UnknownModelGroupError } from "./unknown-model-group-error.ts";

export type RoutePlan =
  | { kind: "call"; group: string; deployment: DeploymentConfig; mode: OutputMode; reason: string; leaseId?: string; delayMs?: number; inFlight?: number }
  | { kind: "wait"; delayMs: number; reason: string }
  | { kind: "give_up"; reason: string };

export interface PlanInput {
  request: GatewayRequest;
  attempts: readonly Attempt[];
  deadlineAt: number;
  /** The decision the router subgraph recorded after the last attempt; used instead of deciding again. */
  decision?: RouteDecision | undefined;
}

/** The seam between the gateway's nodes and the routing engine: one decision per call, with its reason. */
export interface RoutePlanner {
  plan(input: PlanInput): Promise<RoutePlan>;
  /** A call that produced a valid answer; `repaired` when it passed only after local repair. */
  recordSuccess(attempt: Attempt, leaseId: string | undefined, repaired: boolean): Promise<void>;
  /** A transport failure (with the thrown error) or invalid output (error undefined). */
  recordFailure(attempt: Attempt, leaseId: string | undefined, error: unknown): Promise<void>;
  /** After an attempt: success, retry the same deployment, the next one, a fallback group, or give up (and why). */
  classify?(input: PlanInput): Promise<RouteDecision>;
  /**
   * A deployment for a repair call (output_modes.repair_call), chosen and leased like any call so limits,
   * cooldowns and health apply; undefined when none can take it now (the repair is skipped, not awaited).
   */
  planRepair?(input: RepairPlanInput): Promise<RepairPlan | undefined>;
  /** A finished repair call: releases its lease and feeds routing (latency, or the failure); never the mode policy. */
  recordRepair?(record: RepairRecord, leaseId: string | undefined, error: unknown): Promise<void>;
}

export interface RepairPlanInput {
  request: GatewayRequest;
  estimatedInputTokens: number;
}

export interface RepairPlan {
  deployment: DeploymentConfig;
  leaseId?: string;
  reason: string;
}

/**
 * The group a request routes within: its own, else the config's default, else the first declared. A name
 * that matches no group throws UnknownModelGroupError: serving it from another group would answer with
 * models the caller did not ask for (accept refuses it first; this guards state edited after accept).
 */
export function groupFor(config: SwitchyardConfig, request: Pick<GatewayRequest, "model_group">): ModelGroupConfig {
  const name = request.model_group ?? config.requests.model_group;
  const group = name === undefined ? config.model_groups[0] : config.model_groups.find((candidate) => candidate.name === name);
  if (group === undefined) throw new UnknownModelGroupError(name ?? "(none)", config.model_groups.map((candidate) => candidate.name));
  return group;
}

/**
 * The next output mode for a deployment: the pinned one, else the policy's, skipping modes that already
 * produced invalid output on this deployment within this request.
 */
export function nextMode(
  config: SwitchyardConfig,
  deployment: DeploymentConfig,
  request: GatewayRequest,
  attempts: readonly Attempt[],
  preferred: OutputMode,
  blocked: readonly OutputMode[] = [],
): OutputMode | undefined {
  if (request.mode !== undefined) return request.mode;
  const failed = new Set([
    ...blocked,
    ...attempts
      .filter((attempt) => attempt.deployment === deployment.id && attempt.outcome === "invalid_output")
      .map((attempt) => attempt.mode),
  ]);
  const order = [preferred, ...config.output_modes.allowed.filter((mode) => mode !== preferred)];
  return order.find((mode) => !failed.has(mode) && config.output_modes.allowed.includes(mode)) ?? order[0];
}
