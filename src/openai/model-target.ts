import type { DeploymentConfig, SwitchyardConfig } from "../config/schema.ts";
import { OpenAIRequestError } from "./openai-error.ts";

/** What a request's `model` names: a model group, or one deployment (routed within a group that holds it). */
export interface ModelTarget {
  group: string;
  deployment?: string;
  /** Every deployment the request may reach: its provider decides what the request may carry. */
  reachable: DeploymentConfig[];
}

/**
 * Resolves `model` against the config, once per name (the config is fixed for the process). An unknown
 * name is a 404 `model_not_found` naming what is served, as OpenAI answers it.
 */
export class ModelTargets {
  readonly #byName = new Map<string, ModelTarget>();
  readonly #served: string[];

  constructor(config: SwitchyardConfig) {
    const byId = new Map(config.deployments.map((deployment) => [deployment.id, deployment]));
    const reachableFrom = (group: { deployments: string[]; fallbacks: string[] }): DeploymentConfig[] => {
      const names = [...group.deployments, ...group.fallbacks.flatMap((name) => config.model_groups.find((candidate) => candidate.name === name)?.deployments ?? [])];
      return [...new Set(names)].map((id) => byId.get(id)).filter((deployment): deployment is DeploymentConfig => deployment !== undefined);
    };
    for (const group of config.model_groups) this.#byName.set(group.name, { group: group.name, reachable: reachableFrom(group) });
    for (const deployment of config.deployments) {
      if (this.#byName.has(deployment.id)) continue;
      const group = config.model_groups.find((candidate) => candidate.deployments.includes(deployment.id));
      if (group !== undefined) this.#byName.set(deployment.id, { group: group.name, deployment: deployment.id, reachable: [deployment] });
    }
    this.#served = [...this.#byName.keys()];
  }

  resolve(model: string): ModelTarget {
    const found = this.#byName.get(model);
    if (found !== undefined) return found;
    throw new OpenAIRequestError({ status: 404, param: "model", code: "model_not_found", message: `model "${model.slice(0, 200)}" is not served here. Fix: use a model group or deployment id: ${this.#served.join(", ")}.` });
  }

  /** Names for GET /v1/models: model groups first, then deployment ids. */
  names(): readonly string[] {
    return this.#served;
  }
}
