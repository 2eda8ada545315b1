import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { emptyStatistics, type ModeStatistics } from "./mode-statistics.ts";
import { OUTPUT_MODES } from "./protocol.ts";

const mode = z.enum(OUTPUT_MODES);
const count = z.number().int().nonnegative();
const amount = z.number().nonnegative();
const detector = z.object({ n: count, mean: z.number(), sum: z.number(), min: z.number() });

const rowV1 = z.object({
  deployment: z.string(),
  mode,
  count,
  valid: count,
  correct: count,
  latencyEwma: amount,
  latencyWindow: z.array(amount),
  tokensEwma: amount,
  costEwma: amount,
});
const rowV2 = z.object({
  deployment: z.string(),
  mode,
  count,
  weight: amount,
  valid: amount,
  evidence: amount,
  evidenceScore: amount,
  feedbackCount: count,
  shadowCount: count,
  alarms: count,
  step: count,
  detector,
  latencyEwma: amount,
  latencyWindow: z.array(amount),
  tokensEwma: amount,
  costEwma: amount,
});
const decisions = z.array(z.object({ deployment: z.string(), choices: count, explorations: count }));
const stateV1 = z.object({ version: z.literal(1), statistics: z.array(rowV1), decisions });
const stateV2 = z.object({ version: z.literal(2), statistics: z.array(rowV2), steps: z.array(z.object({ deployment: z.string(), step: count })), decisions });

/**
 * Version 1 kept cumulative counts; the discount now keeps about the last 200 calls (0.995 per call), so a
 * migrated row keeps at most that many, its valid share unchanged.
 */
export const MIGRATED_WEIGHT_CAP = 200;

/** The persisted form of an adaptive policy (schema version 2: discounted statistics and change detectors). */
export type SerialisedAdaptivePolicy = z.infer<typeof stateV2>;

/**
 * Reads stored policy state: version 2 as it is; version 1 (cumulative counts, gold-scored `correct`) is
 * migrated, keeping its validity and cost figures and dropping `correct`, which may have come from gold
 * labels. Malformed or future versions throw `output_mode_state_invalid`.
 */
export function parsePolicyState(data: unknown): SerialisedAdaptivePolicy {
  const v2 = stateV2.safeParse(data);
  if (v2.success) return v2.data;
  const v1 = stateV1.safeParse(data);
  if (v1.success) {
    const statistics: ModeStatistics[] = v1.data.statistics.map((row) => ({
      ...emptyStatistics(row.deployment, row.mode),
      count: row.count,
      weight: Math.min(row.count, MIGRATED_WEIGHT_CAP),
      valid: row.count > MIGRATED_WEIGHT_CAP ? (row.valid * MIGRATED_WEIGHT_CAP) / row.count : row.valid,
      latencyEwma: row.latencyEwma,
      latencyWindow: [...row.latencyWindow],
      tokensEwma: row.tokensEwma,
      costEwma: row.costEwma,
    }));
    return { version: 2, statistics, steps: [], decisions: v1.data.decisions };
  }
  const issues = v2.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
  throw new SwitchyardError("output_mode_state_invalid", `stored adaptive output-mode policy is not version-1 or version-2 state (${issues}); delete the stored entry to start learning afresh`);
}
