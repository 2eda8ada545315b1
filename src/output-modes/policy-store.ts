import os from "node:os";
import type { BaseStore, Item } from "@langchain/langgraph-checkpoint";
import { SwitchyardError } from "../errors.ts";
import { AdaptivePolicy, type AdaptivePolicyConfig } from "./adaptive-policy.ts";
import { assertReplicaId, contributionValue, parseContribution, PolicyContributionError, type ReplicaContribution } from "./policy-replicas.ts";

/** The store key a single-replica policy was saved under before contributions were per replica (read once, to migrate). */
export const POLICY_KEY = "adaptive-output-mode-policy";

/** The default namespace: one learned policy per gateway (or per tenant, if the caller namespaces it). */
export const DEFAULT_POLICY_NAMESPACE: readonly string[] = ["switchyard", "output-modes"];

/** Under the policy's namespace, one item per replica (key: the replica id) holds that replica's contribution. */
export const REPLICAS_LABEL = "replicas";

/** Contributions read per refresh at most, whatever the store holds (a flood of keys costs one bounded read). */
const MAX_LISTED = 256;

/** Which replica this process is, and how it treats the others' contributions. */
export interface PolicyReplicaOptions {
  /** This replica's id (letters, digits, ".", "_", ":", "-"; at most 128); default {@link defaultReplicaId}. */
  replicaId?: string;
  /** Other replicas merged at most, the most recently saved first (default 16). */
  maxReplicas?: number;
  /** A contribution not saved for this long is aged out: left out of the merge and deleted (default 6 h). */
  staleAfterMs?: number;
  now?: () => number;
  /** Told about each contribution refused (garbage, forged figures); the merge goes on without it. */
  onRefused?: (error: PolicyContributionError) => void;
}

/** What one {@link refreshPolicy} did. */
export interface PolicyRefresh {
  /** Replicas whose contributions are merged now. */
  merged: string[];
  /** Contributions refused, each with why. */
  refused: PolicyContributionError[];
  /** Replicas aged out (and deleted from the store). */
  agedOut: string[];
}

/** The host name and process id: distinct per process, so two replicas never share an id by default. */
export function defaultReplicaId(): string {
  const host = os.hostname().replace(/[^A-Za-z0-9._:-]/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, 100) || "host";
  return `${host}-${process.pid}`;
}

const replicasOf = (namespace: readonly string[]) => [...namespace, REPLICAS_LABEL];

/**
 * Loads the adaptive policy for replica `replicaId`: its own saved contribution (if it saved one before a
 * restart) as its own statistics, then every other replica's contribution merged in ({@link refreshPolicy}).
 * A policy saved by a switchyard from before per-replica contributions is taken over as this replica's own
 * when no replica has saved yet. This replica's own entry, if malformed, throws `output_mode_state_invalid`;
 * another replica's is refused and skipped.
 *
 * @example
 * const policy = await loadPolicy(store, ["switchyard", "output-modes"], { providerOf }, { replicaId: "pod-a" });
 */
export async function loadPolicy(store: BaseStore, namespace: readonly string[] = DEFAULT_POLICY_NAMESPACE, config: AdaptivePolicyConfig = {}, replica: PolicyReplicaOptions = {}): Promise<AdaptivePolicy> {
  const replicaId = assertReplicaId(replica.replicaId ?? defaultReplicaId());
  const own = await store.get(replicasOf(namespace), replicaId);
  let policy: AdaptivePolicy;
  if (own !== null) {
    const probe = new AdaptivePolicy(config);
    policy = AdaptivePolicy.fromJSON(parseContribution(replicaId, own.value, probe.ceilings).state, config);
  } else {
    const legacy = await store.get([...namespace], POLICY_KEY);
    // Any replica row, even one the store cannot read back, means the legacy entry was already taken over.
    const others = legacy === null ? undefined : await listContributions(store, namespace, 1);
    policy = legacy !== null && others !== undefined && others.items.length + others.unreadable.length === 0 ? AdaptivePolicy.fromJSON(legacy.value, config) : new AdaptivePolicy(config);
  }
  await refreshPolicy(store, namespace, policy, { ...replica, replicaId });
  return policy;
}

/**
 * Saves this replica's own contribution (its `toJSON()`, never what it merged from others), so replicas on
 * one store add up instead of overwriting each other. Removes a pre-replica entry, which this replica's
 * contribution now carries (or which a replica's save already superseded).
 *
 * @example
 * await savePolicy(store, ["switchyard", "output-modes"], planner.policy, { replicaId: "pod-a" });
 */
export async function savePolicy(store: BaseStore, namespace: readonly string[], policy: AdaptivePolicy, replica: PolicyReplicaOptions = {}): Promise<void> {
  const replicaId = assertReplicaId(replica.replicaId ?? defaultReplicaId());
  const contribution: ReplicaContribution = { replica: replicaId, savedAt: Math.floor((replica.now ?? Date.now)()), state: policy.toJSON() };
  await store.put(replicasOf(namespace), replicaId, contributionValue(contribution));
  await store.delete([...namespace], POLICY_KEY);
}

/**
 * Reads the other replicas' contributions and merges them into `policy` (its own statistics untouched):
 * at most `maxReplicas`, the most recently saved; those older than `staleAfterMs` are aged out and deleted;
 * a contribution that does not parse, or whose figures could not come from a real policy, is refused (named
 * in `refused` and told to `onRefused`) and left out, so one bad writer cannot poison the merge.
 *
 * @example
 * const { merged, refused } = await refreshPolicy(store, DEFAULT_POLICY_NAMESPACE, policy, { replicaId: "pod-a" });
 */
export async function refreshPolicy(store: BaseStore, namespace: readonly string[], policy: AdaptivePolicy, replica: PolicyReplicaOptions = {}): Promise<PolicyRefresh> {
  const replicaId = assertReplicaId(replica.replicaId ?? defaultReplicaId());
  const now = (replica.now ?? Date.now)();
  const staleAfter = replica.staleAfterMs ?? 6 * 60 * 60 * 1000;
  const maxReplicas = Math.max(0, Math.floor(replica.maxReplicas ?? 16));
  const { items, unreadable } = await listContributions(store, namespace);
  const fresh: ReplicaContribution[] = [];
  const refused: PolicyContributionError[] = [...unreadable];
  for (const error of unreadable) replica.onRefused?.(error);
  const agedOut: string[] = [];
  for (const item of items) {
    // A prefix search also lists deeper namespaces: only this one's items are contributions.
    if (item.namespace.length !== namespace.length + 1 || item.key === replicaId) continue;
    let contribution: ReplicaContribution;
    try {
      contribution = parseContribution(item.key, item.value, policy.ceilings);
    } catch (error) {
      if (!(error instanceof PolicyContributionError)) throw error;
      refused.push(error);
      replica.onRefused?.(error);
      continue;
    }
    if (now - contribution.savedAt > staleAfter) {
      agedOut.push(contribution.replica);
      await store.delete(replicasOf(namespace), item.key);
    } else fresh.push(contribution);
  }
  const merged = fresh.sort((left, right) => right.savedAt - left.savedAt || left.replica.localeCompare(right.replica)).slice(0, maxReplicas);
  policy.absorbReplicas(merged);
  return { merged: merged.map((contribution) => contribution.replica), refused, agedOut };
}

/**
 * The replica items under `namespace` (at most `limit`). A store that throws on a row it cannot read back
 * (the SQLite store's `store_invalid` on a non-object value, a hand edit, damaged bytes) would fail the whole
 * listing and with it every refresh: then the rows are read one at a time, each unreadable one is refused
 * with the store's reason and the others are still listed. At most `limit` + 1 reads; other errors propagate.
 */
async function listContributions(store: BaseStore, namespace: readonly string[], limit = MAX_LISTED): Promise<{ items: Item[]; unreadable: PolicyContributionError[] }> {
  const where = replicasOf(namespace);
  try {
    return { items: await store.search(where, { limit }), unreadable: [] };
  } catch (error) {
    if (!unreadableRow(error)) throw error;
  }
  const items: Item[] = [];
  const unreadable: PolicyContributionError[] = [];
  const seen = new Set<string>();
  for (let offset = 0; offset < limit; offset += 1) {
    let page: Item[];
    try {
      page = await store.search(where, { limit: 1, offset });
    } catch (error) {
      if (!unreadableRow(error)) throw error;
      const row = "rowKey" in error && typeof error.rowKey === "string" ? error.rowKey : `(row ${offset + 1} of the listing)`;
      unreadable.push(new PolicyContributionError(`store row ${row}`, `could not be read back from the store (${error.message})`));
      continue;
    }
    const [item] = page;
    if (item === undefined) break;
    // Rows saved meanwhile reorder the listing: a replica seen twice is listed once.
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    items.push(item);
  }
  return { items, unreadable };
}

/** The store's own "this row does not parse" error (`store_invalid`), which names the row. */
function unreadableRow(error: unknown): error is SwitchyardError {
  return error instanceof SwitchyardError && error.code === "store_invalid";
}

export interface PolicyAutosaveOptions extends PolicyReplicaOptions {
  store: BaseStore;
  namespace?: readonly string[];
  /** Save (and read the other replicas' contributions back) after this many recorded outcomes; default 25. */
  every?: number;
  /** Told about a failed save or refresh (the next one retries); default: ignored, learning goes on in memory. */
  onError?: (error: unknown) => void;
}

/** What {@link autosavePolicy} returns: `flush` saves now (call it at close); `stop` unhooks. */
export interface PolicyAutosave {
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Saves this replica's contribution every `every` recorded outcomes (through `policy.onRecord`) and then
 * merges the other replicas' latest ones, without blocking the caller: saves are chained so they land in
 * order. Call `flush()` when the engine closes.
 *
 * @example
 * const autosave = autosavePolicy(policy, { store, every: 25, replicaId: "pod-a" });
 * // ... at close:
 * await autosave.flush();
 */
export function autosavePolicy(policy: AdaptivePolicy, options: PolicyAutosaveOptions): PolicyAutosave {
  const namespace = options.namespace ?? DEFAULT_POLICY_NAMESPACE;
  const every = Math.max(1, options.every ?? 25);
  const replica = { ...options, replicaId: assertReplicaId(options.replicaId ?? defaultReplicaId()) };
  let since = 0;
  let chain: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    chain = chain
      .then(async () => {
        await savePolicy(options.store, namespace, policy, replica);
        await refreshPolicy(options.store, namespace, policy, replica);
      })
      .catch((error: unknown) => options.onError?.(error));
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
