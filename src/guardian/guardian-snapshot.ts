import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { detectorNames } from "./detectors.ts";
import type { Guardian } from "./guardian.ts";
import { incidentId } from "./incident.ts";
import { baselineStaleness, isRate, KeyStatistics, metricNames, type MetricName } from "./key-statistics.ts";
import { SampleWindow } from "./sample-window.ts";

const numbers = z.array(z.number());
// Snapshots written before the load or output windows existed have none: each starts empty (no load or length
// adjustment until it fills). Unknown lengths are stored as null (JSON has no NaN) and read back as NaN.
const lengths = z.array(z.union([z.number(), z.nan(), z.null()])).default([]).transform((values) => values.map((value) => value ?? Number.NaN));
const windowsSchema = z.object({ ...(Object.fromEntries(metricNames.map((name) => [name, numbers])) as Record<MetricName, typeof numbers>), load: numbers.default([]), output: lengths });
const snapshotSchema = z.object({
  version: z.literal(1),
  keys: z.array(z.object({ deployment: z.string(), mode: z.string(), learning: z.boolean(), recent: windowsSchema, baseline: windowsSchema })),
  incidents: z.array(
    z.object({
      detector: z.enum(detectorNames),
      deployment: z.string(),
      mode: z.string().optional(),
      action: z.enum(["quarantine", "block_mode", "switch_strategy"]),
      phase: z.enum(["active", "probation"]),
      openedAt: z.number(),
      until: z.number(),
      level: z.number().int().nonnegative(),
      firingStreak: z.number().int().nonnegative(),
      healthyStreak: z.number().int().nonnegative(),
      evidence: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    }),
  ),
});

/** The persisted form of a guardian's baselines and incidents (version 1). */
export type GuardianSnapshot = z.infer<typeof snapshotSchema>;

/** Baselines, recent windows and open incidents, for the store. */
export function snapshotGuardian(guardian: Guardian): GuardianSnapshot {
  const arrays = (windows: Record<MetricName, SampleWindow>) => Object.fromEntries(metricNames.map((name) => [name, windows[name].toArray()])) as Record<MetricName, number[]>;
  return {
    version: 1,
    keys: [...guardian.keys.values()].map((key) => ({ deployment: key.deployment, mode: key.mode, learning: key.learning, recent: arrays(key.recent), baseline: arrays(key.baseline) })),
    incidents: [...guardian.incidents.values()].map((incident) => ({ ...incident })),
  };
}

/** Loads a snapshot into a fresh guardian; malformed or future snapshots are refused. */
export function restoreGuardian(guardian: Guardian, data: unknown): void {
  const parsed = snapshotSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
    throw new SwitchyardError("store_invalid", `stored guardian baselines are not version-1 state (${issues}); run "switchyard guardian --reset" to start learning afresh`);
  }
  const { window_size: windowSize, rate_window_size: rateWindowSize, baseline_size: baselineSize } = guardian.config;
  for (const row of parsed.data.keys) {
    const key = new KeyStatistics(row.deployment, row.mode, windowSize, rateWindowSize, baselineSize);
    key.learning = row.learning;
    for (const name of metricNames) {
      key.recent[name] = SampleWindow.from(isRate(name) ? rateWindowSize : windowSize, row.recent[name]);
      key.baseline[name] = SampleWindow.from(baselineSize, row.baseline[name], baselineStaleness(baselineSize));
    }
    guardian.keys.set(`${row.deployment}\u0000${row.mode}`, key);
  }
  for (const incident of parsed.data.incidents) {
    const id = incidentId(incident.detector, incident.deployment, incident.mode ?? "");
    guardian.incidents.set(id, { ...incident, ...(incident.mode === undefined ? {} : { mode: incident.mode }) });
  }
}
