import type { DeploymentConfig } from "../config/schema.ts";
import { classifyError, type Router } from "../routing/index.ts";

export interface RoutedCallOptions {
  /** The model group the call routes within. */
  group: string;
  estimatedInputTokens: number;
  estimatedOutputTokens: number;
}

export interface RoutedCallResult<T> {
  value: T;
  deployment: DeploymentConfig;
  latencyMs: number;
  /** Selection's reason, for traces. */
  reason: string;
}

/**
 * One side call routed like any call: selection in the group (limits, cooldowns, health), a lease, the call,
 * its latency and tokens (or its classified failure) fed back, the lease released. Undefined when nothing in
 * the group can take it now: the caller decides whether that skips the call (repair) or fails it (summary).
 */
export async function routedCall<T>(
  parts: { router: Router; now: () => number; deploymentOf: (id: string) => DeploymentConfig | undefined },
  options: RoutedCallOptions,
  run: (deployment: DeploymentConfig) => Promise<{ value: T; tokens: number }>,
): Promise<RoutedCallResult<T> | undefined> {
  const { router, now } = parts;
  const { selection, lease } = await router.route({ group: options.group, request: { estimatedInputTokens: options.estimatedInputTokens, estimatedOutputTokens: options.estimatedOutputTokens, exclude: new Set() } });
  const deployment = selection.deployment === null ? undefined : parts.deploymentOf(selection.deployment.id);
  if (deployment === undefined || lease === null) {
    if (lease !== null) await router.release(lease);
    return undefined;
  }
  const startedAt = now();
  try {
    const { value, tokens } = await run(deployment);
    const latencyMs = now() - startedAt;
    await router.recordSuccess({ deployment: deployment.id, latencyMs, tokens, lease });
    return { value, deployment, latencyMs, reason: selection.reason };
  } catch (error) {
    await router.recordFailure({ deployment: deployment.id, classified: classifyError(error, { now }), lease });
    throw error;
  }
}
