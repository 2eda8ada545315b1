import { parsePolicyText } from "./load-policy.ts";
import type { PlanInput } from "./plan.ts";
import { provePlan } from "./prove-plan.ts";
import { z3 } from "./z3-context.ts";

/** How many proofs the warm-up runs by default: past about 50 the cold-proof median stops falling (bench/verification.ts). */
const DEFAULT_PROOFS = 60;

/** A small policy that touches every rule kind and value type the prover encodes. */
const warmPolicyText = `
allowed_actions: [pay, lock, write, notify]
forbidden_actions: [purge]
state:
  mode: { type: enum, values: [open, closed], initial: open }
  paid: { type: int, initial: 0 }
  flagged: { type: bool, initial: false }
arguments: { pay: { amount: int }, write: { table: string }, notify: { urgent: bool } }
effects: { lock: { mode: closed }, pay: { paid: "paid + arg.amount" }, notify: { flagged: "arg.urgent" } }
properties:
  - 'before pay: arg.amount > 0 and arg.amount <= 100'
  - 'before write: mode == "closed" and arg.table != "users"'
  - 'before notify: done(pay) or count(write) >= 1'
  - always paid <= 250
  - at most 3 pay per thread
  - never purge
`;

/** Proved plans and plans that break a rule at a symbolic step, so the counterexample path warms too. */
function warmPlan(index: number): PlanInput {
  const bound = 40 + (index % 53);
  const steps: PlanInput["steps"] = [
    { action: "pay", args: { amount: "$a" } },
    { action: "lock" },
    { action: "write", args: { table: index % 3 === 0 ? "$table" : "orders" } },
    { action: "notify", args: { urgent: "$urgent" } },
    { action: "pay", args: { amount: "$b" } },
  ];
  // Every fourth plan can overpay; every sixth, from the third on, can write to "users".
  const breaks = index % 4 === 3;
  const table = index % 3 === 0 && index % 2 === 0 ? ['$table != "users"'] : [];
  return { steps, assume: ["$a > 0", `$a <= ${bound}`, "$b > 0", `$b <= ${breaks ? 150 + bound : bound}`, ...table] };
}

/**
 * Starts z3 and runs a fixed set of small proofs, so that the first proofs a caller asks for do not pay
 * for it. V8 runs z3's WebAssembly in a baseline tier first and compiles hot functions again, optimised, on
 * background threads: until then a proof costs several times its steady-state CPU time (about 10 ms
 * against 1 to 2 ms for a 10-step plan). A one-time cost of roughly a second of CPU at start; call it
 * where a process starts, not per request. A proof of a policy and plan never seen before (a cache miss)
 * is then a warm-solver cold proof.
 *
 * @example
 * await warmProver(); // at start-up: { proved: 40, violated: 20 }
 * const result = await provePlan(policy, plan, { cache }); // steady-state cost from the first call
 */
export async function warmProver(options: { proofs?: number } = {}): Promise<{ proved: number; violated: number }> {
  await z3();
  const policy = parsePolicyText(warmPolicyText, "warm-prover.yaml");
  const outcome = { proved: 0, violated: 0 };
  for (let index = 0; index < (options.proofs ?? DEFAULT_PROOFS); index += 1) outcome[(await provePlan(policy, warmPlan(index))).status] += 1;
  return outcome;
}
