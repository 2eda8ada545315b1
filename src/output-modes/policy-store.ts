import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { AdaptivePolicy, type AdaptivePolicyConfig } from "./adaptive-policy.ts";

/** The store key the policy's state lives under, within its namespace. */
export const POLICY_KEY = "adaptive-output-mode-policy";

/** The default namespace: one learned policy per gateway (or per tenant, if the caller namespaces it). */
export const DEFAULT_POLICY_NAMESPACE: readonly string[] = ["switchyard", "output-modes"];

/**
 * Loads the adaptive policy saved under `namespace`, validated on read (`AdaptivePolicy.fromJSON`): a
 * malformed or future-version entry throws `output_mode_state_invalid` naming what was wrong. With
 * nothing saved yet, a fresh policy with `config`.
 *
 * @example
 * const policy = await loadPolicy(store, ["switchyard", "output-modes"], { providerOf });
 */
export async function loadPolicy(store: BaseStore, namespace: readonly string[] = DEFAULT_POLICY_NAMESPACE, config: AdaptivePolicyConfig = {}): Promise<AdaptivePolicy> {
  const item = await store.get([...namespace], POLICY_KEY);
  if (item === null) return new AdaptivePolicy(config);
  return AdaptivePolicy.fromJSON(item.value, config);
}

/**
 * Saves the policy's statistics and exploration counts (its `toJSON()`, schema version 1).
 *
 * @example
 * await savePolicy(store, ["switchyard", "output-modes"], planner.policy);
 */
export async function savePolicy(store: BaseStore, namespace: readonly string[], policy: AdaptivePolicy): Promise<void> {
  await store.put([...namespace], POLICY_KEY, { ...policy.toJSON() });
}

export interface PolicyAutosaveOptions {
  store: BaseStore;
  namespace?: readonly string[];
  /** Save after this many recorded outcomes; default 25. */
  every?: number;
  /** Told about a failed save (the next one retries); default: ignored, learning goes on in memory. */
  onError?: (error: unknown) => void;
}

/** What {@link autosavePolicy} returns: `flush` saves now (call it at close); `stop` unhooks. */
export interface PolicyAutosave {
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Saves the policy every `every` recorded outcomes (through `policy.onRecord`), without blocking the caller:
 * saves are chained so they land in order. Call `flush()` when the engine closes.
 *
 * @example
 * const autosave = autosavePolicy(policy, { store, every: 25 });
 * // ... at close:
 * await autosave.flush();
 */
export function autosavePolicy(policy: AdaptivePolicy, options: PolicyAutosaveOptions): PolicyAutosave {
  const namespace = options.namespace ?? DEFAULT_POLICY_NAMESPACE;
  const every = Math.max(1, options.every ?? 25);
  let since = 0;
  let chain: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    chain = chain.then(() => savePolicy(options.store, namespace, policy)).catch((error: unknown) => options.onError?.(error));
    return chain;
  };
  const unsubscribe = policy.onRecord(() => {
    since += 1;
    if (since >= every) {
      since = 0;
      void save();
    }
  });
  return {
    flush: async () => {
      since = 0;
      await save();
    },
    stop: unsubscribe,
  };
}
