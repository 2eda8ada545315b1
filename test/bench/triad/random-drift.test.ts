import { describe, expect, it } from "vitest";
import { randomDrift } from "../../../bench/triad/random-drift.ts";

describe("generated drift scenarios", () => {
  it("repeat per seed and change one (backend, mode) only, by the drawn amount", () => {
    expect(randomDrift(301)).toEqual(randomDrift(301));
    for (const seed of [301, 302, 303, 304, 305, 306]) {
      const drawn = randomDrift(seed);
      const before = drawn.profile.modes?.[drawn.backend]?.[drawn.mode] ?? {};
      const after = drawn.drift.modes?.[drawn.backend]?.[drawn.mode] ?? {};
      const added = (after.wrongValue ?? 0) + (after.brokenJson ?? 0) + (after.missingField ?? 0) - ((before.wrongValue ?? 0) + (before.brokenJson ?? 0) + (before.missingField ?? 0));
      expect(added).toBeCloseTo(drawn.size, 2);
      expect((after.wrongValue ?? 0) - (before.wrongValue ?? 0)).toBeCloseTo(drawn.size * drawn.silentShare, 2);
      expect({ ...drawn.drift.modes, [drawn.backend]: {} }).toEqual({ ...drawn.profile.modes, [drawn.backend]: {} });
      expect(drawn.drift.backends).toEqual(drawn.profile.backends);
      expect(drawn.driftAt).toBeGreaterThanOrEqual(0.3);
      expect(drawn.driftAt).toBeLessThanOrEqual(0.7);
    }
  });

  it("vary which backend and mode drift, and how silently, across seeds", () => {
    const draws = Array.from({ length: 30 }, (_, index) => randomDrift(300 + index));
    expect(new Set(draws.map((drawn) => drawn.backend)).size).toBe(3);
    expect(new Set(draws.map((drawn) => drawn.mode)).size).toBe(3);
    expect(draws.some((drawn) => drawn.silentShare > 0.8)).toBe(true);
    expect(draws.some((drawn) => drawn.silentShare < 0.2)).toBe(true);
    expect(draws.some((drawn) => !drawn.wasBest)).toBe(true);
  });
});
