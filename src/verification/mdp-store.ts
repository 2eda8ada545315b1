import type { BaseStore } from "@langchain/langgraph-checkpoint";
import { MdpModel, persistedMdpSchema } from "./mdp-model.ts";
import type { Policy } from "./policy.ts";

/** Where models live in a BaseStore: under the policy's name, one item per process that learned. */
export const MDP_NAMESPACE = ["verification", "mdp"];

const page = 100;

/**
 * Persists what this process's model observed itself, under its own key (`[...MDP_NAMESPACE, policy name]`,
 * key = the model's instance id). Each process writes only its own item, so two processes learning at once
 * never overwrite each other's counts; `loadMdpModel` sums them.
 *
 * @example
 * await saveMdpModel(store, monitor.mdp);
 */
export async function saveMdpModel(store: BaseStore, model: MdpModel): Promise<void> {
  if (!model.hasLearned) return;
  await store.put([...MDP_NAMESPACE, model.policy.name], model.instanceId, model.learned());
}

/**
 * The model every process learned for this policy: the sum of each process's item, plus the single item
 * the first version saved (`[...MDP_NAMESPACE]`, key = policy name), which still loads. Items learned under
 * another policy hash, or that do not parse, are skipped: what is unknown is unseen, and unseen asks a person.
 * `except` leaves out one instance's item (the caller's own).
 *
 * @example
 * monitor.mdp.absorb((await loadMdpModel(store, policy)).toJSON());
 */
export async function loadMdpModel(store: BaseStore, policy: Policy, options: { except?: string } = {}): Promise<MdpModel> {
  const model = new MdpModel(policy);
  const absorb = (value: unknown) => {
    const parsed = persistedMdpSchema.safeParse(value);
    if (parsed.success) model.absorb(parsed.data);
  };
  const legacy = await store.get(MDP_NAMESPACE, policy.name);
  if (legacy !== null) absorb(legacy.value);
  for (let offset = 0; ; offset += page) {
    const items = await store.search([...MDP_NAMESPACE, policy.name], { limit: page, offset });
    // `except`: the loading model's own item, whose counts it already holds.
    for (const item of items) if (item.key !== options.except) absorb(item.value);
    if (items.length < page) break;
  }
  return model;
}
