import { defaultGuardianConfig } from "../../../src/config/guardian-config.ts";
import { invalidRun, MIN_INVALID_RUN, normalTail } from "../../../src/guardian/invalid-run.ts";
import { KeyStatistics } from "../../../src/guardian/key-statistics.ts";
import { SampleWindow } from "../../../src/guardian/sample-window.ts";

const config = defaultGuardianConfig({ warmup_samples: 20 });

/** A key fed answers in order: true valid, false invalid, "failed" a transport failure. */
function keyOf(answers: Array<boolean | "failed">): KeyStatistics {
  const key = new KeyStatistics("d", "compressed", config.window_size, config.rate_window_size, config.baseline_size);
  for (const answer of answers) key.observe(answer === "failed" ? { deployment: "d", mode: "compressed", failed: true, latencyMs: 0, tokens: 0, costUsd: 0 } : { deployment: "d", mode: "compressed", failed: false, latencyMs: 50, valid: answer, tokens: 100, costUsd: 0 });
  return key;
}

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

describe("invalidRun", () => {
  it("finds a collapse of a clean mode after a few invalid answers in a row, long before the rate window would", () => {
    expect(invalidRun(keyOf([...repeat(true, 40), ...repeat(false, MIN_INVALID_RUN - 1)]), config)).toBeUndefined();
    const collapse = invalidRun(keyOf([...repeat(true, 40), ...repeat(false, MIN_INVALID_RUN)]), config);
    expect(collapse).toMatchObject({ measure: "invalid_run", run: MIN_INVALID_RUN, answers_before: 40 });
    expect(Number(collapse?.chance)).toBeLessThan(normalTail(config.correctness.min_z));
  });

  it("asks a mode that was often invalid for a longer run, and judges nothing before the warm-up", () => {
    const flaky = repeat([false, true, true, true], 25).flat();
    expect(invalidRun(keyOf([...flaky, ...repeat(false, 7)]), config)).toBeUndefined();
    expect(invalidRun(keyOf([...flaky, ...repeat(false, 8)]), config)).toMatchObject({ run: 8 });
    expect(invalidRun(keyOf([...repeat(true, 10), ...repeat(false, 20)]), config)).toBeUndefined();
  });

  it("is broken by a valid answer and neither broken nor extended by a transport failure", () => {
    expect(invalidRun(keyOf([...repeat(true, 40), ...repeat(false, MIN_INVALID_RUN - 1), true, ...repeat(false, MIN_INVALID_RUN - 1)]), config)).toBeUndefined();
    expect(invalidRun(keyOf([...repeat(true, 40), ...repeat(false, 2 * MIN_INVALID_RUN - 2)]), config)).toMatchObject({ run: 2 * MIN_INVALID_RUN - 2 });
    expect(invalidRun(keyOf([...repeat(true, 40), false, false, "failed", "failed", false, false, false]), config)).toMatchObject({ run: 5 });
  });
});

describe("SampleWindow.trailingRun", () => {
  it("counts the newest equal samples across the ring's wrap", () => {
    const window = new SampleWindow(4);
    for (const value of [1, 0, 1, 0, 0, 0]) window.push(value);
    expect(window.trailingRun(0)).toBe(3);
    expect(window.trailingRun(1)).toBe(0);
    window.push(0);
    expect(window.trailingRun(0)).toBe(4);
  });
});

describe("normalTail", () => {
  it("matches the standard normal's upper tail", () => {
    expect(normalTail(0)).toBe(0.5);
    expect(normalTail(1.96)).toBeCloseTo(0.025, 4);
    expect(normalTail(4)).toBeCloseTo(3.167e-5, 7);
  });
});
