import type { MemoryConfig } from "../config/memory-config.ts";
import type { DeploymentConfig, SwitchyardConfig } from "../config/schema.ts";
import type { TokenizerName } from "../tokens/token-stamp.ts";
import { tokenizerFor } from "./token-accounting.ts";

/** What the next call may go to: a pinned deployment, or any deployment of a group. */
export interface MemoryTarget {
  deployment?: string;
  model_group?: string;
}

export interface ResolvedBudget {
  budget: number;
  tokenizer: TokenizerName;
  /** The deployment the budget was sized for: the pinned one, else the group's smallest window. */
  deployment: DeploymentConfig;
}

/**
 * A thread's token budget: an explicit one (thread, then config), else the context window minus the
 * reserved output of the deployment the call will go to, or, since routing has not chosen yet, of the
 * group's smallest window, so whichever deployment is chosen the history fits.
 */
export function memoryBudget(config: SwitchyardConfig, memoryConfig: MemoryConfig, target: MemoryTarget, threadBudget?: number): ResolvedBudget {
  const byId = new Map(config.deployments.map((deployment) => [deployment.id, deployment]));
  const groupName = target.model_group ?? config.requests.model_group;
  const group = config.model_groups.find((candidate) => candidate.name === groupName) ?? config.model_groups[0];
  const pinned = target.deployment === undefined ? undefined : byId.get(target.deployment);
  const candidates = pinned !== undefined ? [pinned] : (group?.deployments ?? []).map((id) => byId.get(id)).filter((found): found is DeploymentConfig => found !== undefined);
  const fallback = config.deployments[0];
  if (fallback === undefined) throw new Error("config has no deployments (the config schema requires one)");
  const smallest = candidates.reduce((best, candidate) => (candidate.context_window - candidate.max_output_tokens < best.context_window - best.max_output_tokens ? candidate : best), candidates[0] ?? fallback);
  const reserve = memoryConfig.reserve_output_tokens ?? smallest.max_output_tokens;
  const budget = threadBudget ?? memoryConfig.budget_tokens ?? Math.max(1, smallest.context_window - reserve);
  return { budget, tokenizer: tokenizerFor(smallest.provider, smallest.model), deployment: smallest };
}
