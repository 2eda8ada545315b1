import type { StrategyName } from "../../config/schema.ts";
import { consistentHash } from "./consistent-hash.ts";
import { cost } from "./cost.ts";
import { latency } from "./latency.ts";
import { leastBusy } from "./least-busy.ts";
import type { Strategy } from "./strategy.ts";
import { triad } from "./triad.ts";
import { usage } from "./usage.ts";
import { weighted } from "./weighted.ts";

/** Every strategy by its config name. */
export const strategies: Readonly<Record<StrategyName, Strategy>> = {
  weighted,
  "least-busy": leastBusy,
  latency,
  usage,
  cost,
  "consistent-hash": consistentHash,
  triad,
};

export { fnv1a, rendezvousScore } from "./rendezvous-hash.ts";
export type { ExpectedCorrectness, Strategy, StrategyChoice, StrategyContext, TriadWeights } from "./strategy.ts";
