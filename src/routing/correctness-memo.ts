import type { DeploymentConfig } from "../config/schema.ts";

interface MemoRow {
  values: Float64Array;
  index: number;
}

/**
 * Remembers each deployment's expected correctness (clamped, as the triad reads it) between selections, and
 * forgets one deployment's value when its estimate changes. The estimator behind the gateway reads output-mode
 * statistics (map lookups per mode) and changes only when a call of that deployment finishes, so asking it for
 * 1,000 deployments on every selection was most of the triad's cost.
 *
 * @example
 * const memo = new CorrectnessMemo();
 * policy.onRecord((outcome) => memo.forget(outcome.deployment));
 * const router = new Router({ config, expectedCorrectness, correctnessMemo: memo });
 */
export class CorrectnessMemo {
  /** Per group's deployments array: one value per deployment, NaN where not read since it last changed. */
  readonly #values = new WeakMap<readonly DeploymentConfig[], Float64Array>();
  readonly #rows = new Map<string, MemoRow[]>();

  /** The remembered values for a group's deployments, same order (NaN: ask the estimator). */
  valuesFor(deployments: readonly DeploymentConfig[]): Float64Array {
    let values = this.#values.get(deployments);
    if (values === undefined) {
      values = new Float64Array(deployments.length).fill(Number.NaN);
      this.#values.set(deployments, values);
      for (const [index, deployment] of deployments.entries()) {
        let rows = this.#rows.get(deployment.id);
        if (rows === undefined) {
          rows = [];
          this.#rows.set(deployment.id, rows);
        }
        rows.push({ values, index });
      }
    }
    return values;
  }

  /** The estimate of this deployment may have changed: the next selection asks for it again. */
  forget(deploymentId: string): void {
    const rows = this.#rows.get(deploymentId);
    if (rows === undefined) return;
    for (const row of rows) row.values[row.index] = Number.NaN;
  }

  /** Every estimate may have changed (a policy reloaded, a reset). */
  forgetAll(): void {
    for (const rows of this.#rows.values()) for (const row of rows) row.values[row.index] = Number.NaN;
  }
}
