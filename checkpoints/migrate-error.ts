import { SwitchyardError } from "../src/errors.ts";

/**
 * A migration that cannot start or did not verify: `what` names the input or the check, the message the fix.
 *
 * @example
 * throw new MigrateError("--from", "./state.db does not exist. Fix: pass the SQLite file `switchyard serve` uses.");
 */
export class MigrateError extends SwitchyardError {
  readonly what: string;

  constructor(what: string, message: string, options: { cause?: unknown } = {}) {
    super("migration_failed", `migrate: ${what}: ${message}`, options);
    this.what = what;
  }
}
