import { describe, expect, it } from "vitest";
import { CronScheduleError, nextFireTime, parseCronSchedule } from "../../../src/server/cron-schedule.ts";

const at = (iso: string) => Date.parse(iso);
const next = (schedule: string, after: string) => {
  const found = nextFireTime(parseCronSchedule(schedule), at(after));
  return found === undefined ? undefined : new Date(found).toISOString();
};

describe("parseCronSchedule and nextFireTime", () => {
  it("fires every minute strictly after the given time, on the whole minute", () => {
    expect(next("* * * * *", "2026-12-07T09:02:30Z")).toBe("2026-12-07T09:03:00.000Z");
    expect(next("* * * * *", "2026-12-07T09:03:00Z")).toBe("2026-12-07T09:04:00.000Z");
  });

  it("reads steps, ranges, lists and names", () => {
    expect(next("*/15 * * * *", "2026-12-07T09:02:00Z")).toBe("2026-12-07T09:15:00.000Z");
    expect(next("0 9-17/4 * * *", "2026-12-07T10:00:00Z")).toBe("2026-12-07T13:00:00.000Z");
    expect(next("5,35 * * * *", "2026-12-07T09:06:00Z")).toBe("2026-12-07T09:35:00.000Z");
    // 2026-12-07 is a Monday: the next Saturday 08:00.
    expect(next("0 8 * * sat", "2026-12-07T09:00:00Z")).toBe("2026-12-12T08:00:00.000Z");
    expect(next("0 0 1 jan *", "2026-12-07T09:00:00Z")).toBe("2027-01-01T00:00:00.000Z");
  });

  it("counts 7 as Sunday and ORs day-of-month with day-of-week when both are given", () => {
    expect(next("0 0 * * 7", "2026-12-07T00:00:00Z")).toBe("2026-12-13T00:00:00.000Z");
    // The 10th (a Thursday) comes before the next Sunday (13th).
    expect(next("0 0 10 * sun", "2026-12-07T00:00:00Z")).toBe("2026-12-10T00:00:00.000Z");
  });

  it("finds a leap day years ahead without walking every minute", () => {
    expect(next("0 12 29 feb *", "2026-12-07T00:00:00Z")).toBe("2028-02-29T12:00:00.000Z");
  });

  it.each([
    ["* * * *", "schedule", "has 4 fields"],
    ["60 * * * *", "minute", "out of range 0-59"],
    ["* 24 * * *", "hour", "out of range 0-23"],
    ["* * 0 * *", "day-of-month", "out of range 1-31"],
    ["* * * foo *", "month", "not a number or a name"],
    ["*/0 * * * *", "minute", "step"],
    ["5-1 * * * *", "minute", "end comes before its start"],
    ["0 0 31 2 *", "day-of-month", "never occurs"],
  ])("refuses %s naming the %s field", (schedule, field, problem) => {
    let caught: unknown;
    try {
      parseCronSchedule(schedule);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CronScheduleError);
    const error = caught as CronScheduleError;
    expect(error.field).toBe(field);
    expect(error.message).toContain(problem);
    expect(error.message).toContain("Fix:");
  });
});
