import { didYouMean } from "../../config/did-you-mean.ts";
import { setThreadFact, type ActionLedger } from "../../verification/action-ledger.ts";
import type { Policy } from "../../verification/policy.ts";
import { UsageError } from "../args.ts";

/** One `--fact NAME=VALUE`, typed by the policy's `facts:` declaration. */
export interface ThreadFact {
  name: string;
  value: string | number | boolean;
}

/**
 * Reads `--fact NAME=VALUE` flags against the policy's declared facts. The CLI is the operator's trusted code
 * (like `setThreadFact` in an app): facts never come from graph input, so this flag is the CLI's way to say
 * which customer a thread serves, e.g. `--fact customer_id=c-42` for `at most 3 refund per fact.customer_id`.
 *
 * @example
 * parseFactFlags(["customer_id=c-42"], policy) // [{ name: "customer_id", value: "c-42" }]
 */
export function parseFactFlags(flags: readonly string[], policy: Policy): ThreadFact[] {
  const declared = Object.keys(policy.facts);
  return flags.map((flag) => {
    const separator = flag.indexOf("=");
    if (separator <= 0) throw new UsageError(`--fact ${JSON.stringify(flag)} is not NAME=VALUE. Fix: e.g. --fact customer_id=c-42.`);
    const name = flag.slice(0, separator);
    const text = flag.slice(separator + 1);
    const type = policy.facts[name];
    if (type === undefined) {
      const hint = didYouMean(name, declared);
      const choices = declared.length === 0 ? "the policy declares no facts (add them under `facts:`)" : `declared facts: ${declared.join(", ")}`;
      throw new UsageError(`--fact ${name}: the policy declares no fact "${name}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}. Fix: ${choices}.`);
    }
    if (type.kind === "int") {
      if (!/^-?\d+$/.test(text)) throw new UsageError(`--fact ${name}=${text}: the policy declares ${name} as an integer. Fix: give a whole number.`);
      return { name, value: Number(text) };
    }
    if (type.kind === "bool") {
      if (text !== "true" && text !== "false") throw new UsageError(`--fact ${name}=${text}: the policy declares ${name} as a boolean. Fix: give true or false.`);
      return { name, value: text === "true" };
    }
    if (type.kind === "enum" && !type.values.includes(text)) {
      throw new UsageError(`--fact ${name}=${text}: not one of ${type.values.join(", ")}. Fix: use one of them.`);
    }
    return { name, value: text };
  });
}

/** Records the facts on the thread's ledger before its turn runs. */
export async function applyThreadFacts(ledger: ActionLedger, threadId: string, facts: readonly ThreadFact[]): Promise<void> {
  for (const fact of facts) await setThreadFact(ledger, threadId, fact.name, fact.value);
}
