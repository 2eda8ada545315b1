import type { RecoveryTarget } from "./recovery-target.ts";

/**
 * Puts the guardian's quarantines on its target one at a time, each after the target's last-deployment check
 * (`removalRefusal`), so two incidents judged together cannot both pass the check and empty a group between
 * them. A target without the check gets its quarantine at once, as before.
 *
 * @example
 * queue.quarantine("ollama", until, reason, (refusal) => log(refusal ?? "applied"), (error) => log(String(error)));
 */
export class QuarantineQueue {
  readonly #target: RecoveryTarget;
  readonly #failing: () => ReadonlySet<string>;
  #pending: Promise<void> = Promise.resolve();

  /** `failing` is asked at the moment each quarantine is judged (see RecoveryTarget.removalRefusal). */
  constructor(target: RecoveryTarget, failing: () => ReadonlySet<string> = () => new Set()) {
    this.#target = target;
    this.#failing = failing;
  }

  /** Applies or refuses the quarantine; `done` hears the refusal reason (undefined: applied), `failed` any error. */
  quarantine(deployment: string, until: number, reason: string, done: (refusal: string | undefined) => void, failed: (error: unknown) => void): void {
    const guard = this.#target.removalRefusal?.bind(this.#target);
    if (guard === undefined) {
      void Promise.resolve(this.#target.quarantine(deployment, until, reason)).catch(failed);
      done(undefined);
      return;
    }
    const apply = async () => {
      const refusal = await guard(deployment, this.#failing());
      if (refusal === undefined) await this.#target.quarantine(deployment, until, reason);
      done(refusal);
    };
    this.#pending = this.#pending.then(apply).catch(failed);
  }

  /** Settles once every quarantine asked for so far was applied or refused. */
  settled(): Promise<void> {
    return this.#pending;
  }
}
