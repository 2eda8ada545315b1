import { didYouMean } from "../config/did-you-mean.ts";
import { SwitchyardError } from "../errors.ts";

/**
 * A request named a model group the config does not declare. Raised before any backend call: serving it
 * from the default group instead would answer with models the caller did not ask for.
 *
 * @example
 * try { await gateway.invoke({ input, model_group: "extrct" }, { threadId }) } catch (error) {
 *   if (error instanceof UnknownModelGroupError) console.error(error.suggestion); // "extract"
 * }
 */
export class UnknownModelGroupError extends SwitchyardError {
  /** The name the request gave. */
  readonly value: string;
  /** Every model group the config declares. */
  readonly declared: readonly string[];
  /** The nearest declared name, when the value reads as a typo of it. */
  readonly suggestion: string | undefined;

  constructor(value: string, declared: readonly string[]) {
    const suggestion = didYouMean(value, declared);
    super(
      "model_group_unknown",
      `request.model_group "${value}" is not a model group of this config. Fix: ${suggestion ? `did you mean "${suggestion}"? ` : ""}use one of: ${declared.join(", ")}, or declare it under model_groups.`,
    );
    this.value = value;
    this.declared = declared;
    this.suggestion = suggestion;
  }
}
