import type { DeploymentConfig, ModelGroupConfig, SwitchyardConfig } from "../config/schema.ts";
import type { OutputMode } from "../output-modes/protocol.ts";
import type { Lease } from "../routing/index.ts";
import type { TokenEncodingName } from "../tokens/encoding-for-model.ts";
import type { Attempt, GatewayRequest, RouteDecision } from "../state/gateway-state.ts";
import { UnknownModelGroupError } from "./unknown-model-group-error.ts";

export type RoutePlan =
  | { kind: "call"; group: string; deployment: DeploymentConfig; mode: OutputMode; reason: string; lease?: Lease; delayMs?: number; inFlight?: number }
  /** `wakeOn`: deployments whose lease ending in this process ends the wait early (see Router.releases). */
  | { kind: "wait"; delayMs: number; reason: string; wakeOn?: readonly string[] }
  | { kind: "give_up"; reason: string };

export interface PlanInput {
  request: GatewayRequest;
  attempts: readonly Attempt[];
  deadlineAt: number;
  /** The decision the router subgraph recorded after the last attempt; used instead of deciding again. */
  decision?: RouteDecision | undefined;
  /**
   * The prompt's tokens as accept stamped them, per encoding: planning uses them instead of counting the
   * input again (a BPE pass per attempt); an encoding not stamped is counted.
   */
  promptTokens?: ((encoding: TokenEncodingName) => number | undefined) | undefined;
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
