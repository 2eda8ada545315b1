/**
 * How much evidence a silent drift leaves, and what the verdict alarm needs to see it (issue #15).
 *
 * A served (deployment, mode) whose valid answers turn wrong is seen only through verdicts: delayed user
 * feedback on a share of answers and shadow comparisons (settled by a third answer). This models one served
 * mode with the bench's signals (feedback 15 %, 20 requests late; shadows at a rate that rises while the mode is
 * suspect), feeds the verdicts to the real `VerdictAlarms` with the policy's trust as its reference, and prints,
 * per shadow setting: verdicts reaching the mode in the 50 requests after the switch, the chance the alarm
 * fires within 50 and 60 requests (the bench counts "left" ~10 requests before the policy stops serving a
 * mode), false alarms per 1,000 steady requests, and billed shadow calls per 1,000 requests.
 *
 * Run: `npx tsx bench/triad/verdict-evidence.ts`. A model, not the emulators: it assumes a disagreement is
 * always settled correctly by the arbiter and that the mode is served on every request.
 */
import { DEFAULT_VERDICT_ALARM, VerdictAlarms, type VerdictAlarmConfig } from "../../src/output-modes/policy-verdict-alarm.ts";
import { seededRandom } from "../../src/workload/seeded-random.ts";

export interface EvidenceScenario {
  /** Wrong share of the mode's valid answers before and after the switch. */
  before: number;
  after: number;
  feedbackRate: number;
  feedbackDelay: number;
  /** Shadow share while the mode is not suspect, and while it is. */
  shadowRate: number;
  suspectRate: number;
  alarm?: VerdictAlarmConfig;
}

export interface EvidenceFigures {
  verdictsIn50: number;
  alarmWithin50: number;
  alarmWithin60: number;
  falseAlarmsPer1000: number;
  shadowCallsPer1000: number;
}

/** One served mode, `pre` steady requests then `post` drifted ones; returns the request (after the switch) of the first alarm. */
function run(scenario: EvidenceScenario, seed: number, pre: number, post: number): { alarmAt: number | undefined; verdictsIn50: number; alarmsBefore: number; shadowCalls: number } {
  const random = seededRandom(seed);
  const alarms = new VerdictAlarms(scenario.alarm ?? DEFAULT_VERDICT_ALARM);
  // The policy's trust in a valid answer: a Beta on discounted verdicts, prior 0.95 over 3 (its defaults).
  let weight = 0;
  let score = 0;
  const pending: Array<{ due: number; right: boolean }> = [];
  let alarmAt: number | undefined;
  let alarmsBefore = 0;
  let verdictsIn50 = 0;
  let shadowCalls = 0;
  const verdict = (right: boolean, verdictWeight: number, index: number) => {
    const trust = (0.95 * 3 + score) / (3 + weight);
    weight += verdictWeight;
    score += right ? verdictWeight : 0;
    if (index >= pre && index < pre + 50) verdictsIn50 += 1;
    const fired = alarms.observe("m", { kind: right ? "right" : "wrong", weight: verdictWeight, score: right ? 1 : 0 }, 1 - trust);
    if (fired === undefined) return;
    weight = 0.1 * weight;
    score = 0.1 * score;
    if (index < pre) alarmsBefore += 1;
    else alarmAt ??= index - pre;
  };
  for (let index = 0; index < pre + post; index += 1) {
    weight *= 0.997;
    score *= 0.997;
    const right = !random.chance(index < pre ? scenario.before : scenario.after);
    if (random.chance(scenario.feedbackRate)) pending.push({ due: index + scenario.feedbackDelay, right });
    const rate = alarms.suspect("m") ? Math.max(scenario.shadowRate, scenario.suspectRate) : scenario.shadowRate;
    if (random.chance(rate)) {
      // A shadow, plus an arbiter call when the pair disagrees (about when the served answer is wrong).
      shadowCalls += right ? 1 : 2;
      verdict(right, 0.5, index);
    }
    for (const item of pending.filter((entry) => entry.due <= index)) verdict(item.right, 1, index);
    pending.splice(0, pending.length, ...pending.filter((entry) => entry.due > index));
  }
  return { alarmAt, verdictsIn50, alarmsBefore, shadowCalls };
}

/** Figures over `seeds` seeded runs: 1,000 steady requests (false alarms, spend) then 100 drifted ones. */
export function evidenceFigures(scenario: EvidenceScenario, seeds = 400): EvidenceFigures {
  let within50 = 0;
  let within60 = 0;
  let verdicts = 0;
  let falseAlarms = 0;
  let shadowCalls = 0;
  for (let seed = 1; seed <= seeds; seed += 1) {
    const result = run(scenario, seed, 1000, 100);
    if (result.alarmAt !== undefined && result.alarmAt < 50) within50 += 1;
    if (result.alarmAt !== undefined && result.alarmAt < 60) within60 += 1;
    verdicts += result.verdictsIn50;
    falseAlarms += result.alarmsBefore;
    shadowCalls += result.shadowCalls;
  }
  return { verdictsIn50: verdicts / seeds, alarmWithin50: within50 / seeds, alarmWithin60: within60 / seeds, falseAlarmsPer1000: falseAlarms / seeds, shadowCallsPer1000: (shadowCalls / seeds) * (1000 / 1100) };
}

/** Verdicts after the switch until the alarm (median, and the share within `limit`), every request judged at once. */
export function verdictsNeeded(before: number, after: number, alarm: VerdictAlarmConfig, seeds = 400): { median: number; falseAlarmsPer1000Verdicts: number } {
  const counts: number[] = [];
  let falseAlarms = 0;
  for (let seed = 1; seed <= seeds; seed += 1) {
    const result = run({ before, after, feedbackRate: 1, feedbackDelay: 0, shadowRate: 0, suspectRate: 0, alarm }, seed, 1000, 400);
    counts.push(result.alarmAt ?? Infinity);
    falseAlarms += result.alarmsBefore;
  }
  counts.sort((left, right) => left - right);
  return { median: counts[Math.floor(seeds / 2)] ?? Infinity, falseAlarmsPer1000Verdicts: falseAlarms / seeds };
}

function main(): void {
  console.log("| drift | alarm | verdicts after the switch to the alarm (median) | false alarms / 1,000 steady verdicts |");
  console.log("|---|---|---|---|");
  for (const [name, before, after] of [["1 -> 13 %", 0.01, 0.13], ["1 -> 11 %", 0.01, 0.11]] as const) {
    for (const level of [2, 3, 4]) {
      const needed = verdictsNeeded(before, after, { ...DEFAULT_VERDICT_ALARM, alarm: level });
      console.log(`| ${name} | ${level}${level === DEFAULT_VERDICT_ALARM.alarm ? " (kept)" : ""} | ${needed.median} | ${needed.falseAlarmsPer1000Verdicts.toFixed(2)} |`);
    }
  }
  console.log("");
  const drifts = [
    { name: "heldout5 Gemini emit 1 -> 13 %", before: 0.01, after: 0.13 },
    { name: "bench OpenAI reconstruct 1 -> 11 %", before: 0.01, after: 0.11 },
  ];
  const settings = [
    { name: "today: 5 %, suspect 50 %", shadowRate: 0.05, suspectRate: 0.5 },
    { name: "5 %, suspect capped at max_rate 20 %", shadowRate: 0.05, suspectRate: 0.2 },
    { name: "floor 20 % (max_rate), suspect 20 %", shadowRate: 0.2, suspectRate: 0.2 },
    { name: "floor 20 %, suspect 50 %", shadowRate: 0.2, suspectRate: 0.5 },
    { name: "50 % always", shadowRate: 0.5, suspectRate: 0.5 },
  ];
  const alarmLevels: Array<{ name: string; alarm: VerdictAlarmConfig }> = [
    { name: "alarm 3 (kept)", alarm: DEFAULT_VERDICT_ALARM },
    { name: "alarm 2", alarm: { ...DEFAULT_VERDICT_ALARM, alarm: 2 } },
    { name: "alarm 4", alarm: { ...DEFAULT_VERDICT_ALARM, alarm: 4 } },
  ];
  console.log("| drift | shadows | alarm | verdicts on the mode in 50 requests | alarm within 50 | within 60 | false alarms / 1,000 steady requests | shadow + arbiter calls / 1,000 requests |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const drift of drifts) {
    for (const setting of settings) {
      for (const level of alarmLevels) {
        const figures = evidenceFigures({ before: drift.before, after: drift.after, feedbackRate: 0.15, feedbackDelay: 20, shadowRate: setting.shadowRate, suspectRate: setting.suspectRate, alarm: level.alarm });
        const percent = (value: number) => `${Math.round(value * 100)} %`;
        console.log(`| ${drift.name} | ${setting.name} | ${level.name} | ${figures.verdictsIn50.toFixed(1)} | ${percent(figures.alarmWithin50)} | ${percent(figures.alarmWithin60)} | ${figures.falseAlarmsPer1000.toFixed(2)} | ${Math.round(figures.shadowCallsPer1000)} |`);
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
