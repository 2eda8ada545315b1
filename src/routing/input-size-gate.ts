import type { DeploymentConfig, ModelGroupConfig, SwitchyardConfig } from "../config/schema.ts";
import { tokensLowerBound } from "../tokens/tokens-lower-bound.ts";
import { countTokensDetailed } from "./count-tokens.ts";
import { InputTooLargeError } from "./input-too-large-error.ts";

/** The largest context window reachable from a group: its deployments, its fallbacks, their fallbacks. */
export interface LargestWindow {
  window: number;
  group: string;
  deployment: string;
}

/**
 * Walks every group a request could end in (ordered fallbacks, context-window and content-policy fallbacks,
 * transitively; cycles stop) and returns the largest context window among their deployments.
 */
export function largestWindowInChain(config: SwitchyardConfig, start: ModelGroupConfig): LargestWindow {
  const groups = new Map(config.model_groups.map((group) => [group.name, group]));
  const deployments = new Map<string, DeploymentConfig>(config.deployments.map((deployment) => [deployment.id, deployment]));
  let best: LargestWindow = { window: 0, group: start.name, deployment: start.deployments[0] ?? "" };
  const seen = new Set<string>();
  const queue: ModelGroupConfig[] = [start];
  for (let group = queue.shift(); group !== undefined; group = queue.shift()) {
    if (seen.has(group.name)) continue;
    seen.add(group.name);
    for (const id of group.deployments) {
      const window = deployments.get(id)?.context_window ?? 0;
      if (window > best.window) best = { window, group: group.name, deployment: id };
    }
    for (const name of [...group.fallbacks, group.context_window_fallback, group.content_policy_fallback]) {
      const next = name === undefined ? undefined : groups.get(name);
      if (next !== undefined && !seen.has(next.name)) queue.push(next);
    }
  }
  return best;
}

/** The parts of a gateway request the gate reads. */
export interface SizedRequest {
  input: string;
  /** The group asked for; the config's `requests.model_group` when absent. */
  model_group?: string | undefined;
  /** A deployment the request pins, whose window is then the only one. */
  deployment?: string | undefined;
}

/**
 * The size gate at `accept`: throws InputTooLargeError when the input exceeds every context window the request
 * could reach. First a lower bound of its tokens, one pass over the input with no byte-pair work (5 MB in a
 * few milliseconds; issue #14 saw 9–11 s before such an input was refused); an input of no more bytes than the
 * window passes uncounted; only in between is it counted, with the same bounded counter (and encoding) the
 * router uses before the call, so the refusal comes here rather than after memory and routing work.
 *
 * @example
 * checkInputSize(engine.config, request) // throws InputTooLargeError, or returns
 */
export function checkInputSize(config: SwitchyardConfig, request: SizedRequest): void {
  const name = request.model_group ?? config.requests.model_group;
  // An unknown group or deployment is refused by accept's own checks, with the nearest name.
  const group = config.model_groups.find((candidate) => candidate.name === name) ?? config.model_groups[0];
  if (group === undefined) return;
  const pinned = request.deployment === undefined ? undefined : config.deployments.find((deployment) => deployment.id === request.deployment);
  const largest = pinned !== undefined ? { window: pinned.context_window, group: group.name, deployment: pinned.id } : largestWindowInChain(config, group);
  const details = { largestWindow: largest.window, group: largest.group, deployment: largest.deployment, requestedGroup: group.name };
  const tokensAtLeast = tokensLowerBound(request.input);
  const inputBytes = Buffer.byteLength(request.input, "utf8");
  if (tokensAtLeast > largest.window) throw new InputTooLargeError({ ...details, inputBytes, tokens: tokensAtLeast, tokensAre: "at least" });
  // No byte is more than one token: an input of no more bytes than the window fits, uncounted.
  if (inputBytes <= largest.window) return;
  // Between the bounds: the count the router makes before the call (bounded in time), made here instead.
  const counted = countTokensDetailed(request.input, config.deployments[0]?.model ?? "gpt-4o");
  if (counted.tokens <= largest.window) return;
  throw new InputTooLargeError({ ...details, inputBytes, tokens: counted.tokens, tokensAre: counted.exact ? "counted" : "estimated" });
}
