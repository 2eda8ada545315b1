import { SwitchyardError } from "../errors.ts";

/** A schedule that is not a standard 5-field cron expression; names the field and the value. */
export class CronScheduleError extends SwitchyardError {
  readonly schedule: string;
  readonly field: string;
  readonly value: string;

  constructor(schedule: string, field: string, value: string, problem: string) {
    super(
      "input_invalid",
      `schedule "${schedule}": ${field} field "${value}" ${problem}. Fix: use 5 fields "minute hour day-of-month month day-of-week", e.g. "*/15 * * * *" or "0 9 * * 1-5".`,
    );
    this.schedule = schedule;
    this.field = field;
    this.value = value;
  }
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const fields: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  // 7 is Sunday too, as in Vixie cron; folded to 0 below.
  { name: "day-of-week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];

/** A parsed schedule: the allowed values of each field, in UTC. */
export interface CronSchedule {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  /** Whether day-of-month / day-of-week were restricted: with both, a day matching either fires (cron's rule). */
  readonly domRestricted: boolean;
  readonly dowRestricted: boolean;
}

function parseNumber(text: string, spec: FieldSpec, schedule: string, part: string): number {
  const byName = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (byName >= 0) return byName + (spec.name === "month" ? 1 : 0);
  if (!/^\d+$/.test(text)) throw new CronScheduleError(schedule, spec.name, part, `is not a number${spec.names ? " or a name" : ""}`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) throw new CronScheduleError(schedule, spec.name, part, `is out of range ${spec.min}-${spec.max}`);
  return value;
}

function parseField(text: string, spec: FieldSpec, schedule: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "", stepText, extra] = part.split("/");
    if (extra !== undefined) throw new CronScheduleError(schedule, spec.name, part, "has more than one '/'");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (stepText !== undefined && (!/^\d+$/.test(stepText) || step < 1)) throw new CronScheduleError(schedule, spec.name, part, "has a step that is not a positive whole number");
    let low: number;
    let high: number;
    if (range === "*") {
      low = spec.min;
      high = spec.max === 7 ? 6 : spec.max;
    } else {
      const [from = "", to, more] = range.split("-");
      if (more !== undefined || from === "") throw new CronScheduleError(schedule, spec.name, part, "is not a value, a range a-b or *");
      low = parseNumber(from, spec, schedule, part);
      high = to === undefined ? (stepText === undefined ? low : spec.max) : parseNumber(to, spec, schedule, part);
      if (high < low) throw new CronScheduleError(schedule, spec.name, part, "is a range whose end comes before its start");
    }
    for (let value = low; value <= high; value += step) values.add(spec.max === 7 && value === 7 ? 0 : value);
  }
  return values;
}

/**
 * Parses a standard 5-field cron expression (lists, ranges, steps, month and weekday names). Schedules are
 * read in UTC; throws CronScheduleError naming the field and value.
 *
 * @example
 * const schedule = parseCronSchedule("*\/5 9-17 * * mon-fri");
 * nextFireTime(schedule, Date.parse("2026-12-07T09:02:00Z")); // 2026-12-07T09:05:00Z in ms
 */
export function parseCronSchedule(source: string): CronSchedule {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === "") throw new CronScheduleError(source, "schedule", source, `has ${parts[0] === "" ? 0 : parts.length} fields, not 5`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = fields.map((spec, index) => parseField(parts[index] ?? "", spec, source)) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  const schedule: CronSchedule = {
    source,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    domRestricted: parts[2] !== "*",
    dowRestricted: parts[4] !== "*",
  };
  // "0 0 31 2 *" would search forever: refuse a schedule that never fires in the next 8 years.
  if (nextFireTime(schedule, Date.UTC(2024, 0, 1)) === undefined) throw new CronScheduleError(source, "day-of-month", parts[2] ?? "", "never occurs in the months given");
  return schedule;
}

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  const dom = schedule.daysOfMonth.has(date.getUTCDate());
  const dow = schedule.daysOfWeek.has(date.getUTCDay());
  if (schedule.domRestricted && schedule.dowRestricted) return dom || dow;
  return dom && dow;
}

const searchYears = 8;

/** The first firing strictly after `after` (epoch ms), on a whole minute in UTC; undefined if none within 8 years. */
export function nextFireTime(schedule: CronSchedule, after: number): number | undefined {
  const date = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  const limit = date.getUTCFullYear() + searchYears;
  // Skip whole months, days and hours that cannot match: a year of minutes is never walked one by one.
  while (date.getUTCFullYear() <= limit) {
    if (!schedule.months.has(date.getUTCMonth() + 1)) {
      date.setUTCMonth(date.getUTCMonth() + 1, 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(schedule, date)) {
      date.setUTCDate(date.getUTCDate() + 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.hours.has(date.getUTCHours())) {
      date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes.has(date.getUTCMinutes())) {
      date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
    } else {
      return date.getTime();
    }
  }
  return undefined;
}
