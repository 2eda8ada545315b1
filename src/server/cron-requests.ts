import { z } from "zod";

/** Bodies of the cron routes as the official SDK (1.15) sends them: snake_case, undefined fields dropped. */

const record = z.record(z.string(), z.unknown());
const when = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2027-01-01T00:00:00Z" });
/** Schedules are read in UTC; other zones are refused rather than silently shifted. */
const timezone = z
  .string()
  .refine((zone) => ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z"].includes(zone), { message: "only UTC is supported; write the schedule in UTC" })
  .nullish();

/** The fields a cron keeps and hands to every run it starts; validated again as a run body. */
export const cronRunFields = [
  "input",
  "config",
  "context",
  "metadata",
  "interrupt_before",
  "interrupt_after",
  "multitask_strategy",
  "durability",
  "stream_mode",
  "stream_subgraphs",
  "stream_resumable",
] as const;

const schedule = z.string().min(1, "schedule must be a 5-field cron expression").max(256, "schedule is longer than 256 characters");

/** The fields a cron's create and patch share. */
const cronFields = {
  timezone,
  end_time: when.nullish(),
  enabled: z.boolean().nullish(),
  on_run_completed: z.enum(["delete", "keep"]).nullish(),
  metadata: record.nullish(),
  // Calling a caller-given URL from the server would let any API key reach internal hosts.
  webhook: z.null({ message: "webhooks are not supported by switchyard serve" }).optional(),
};

export const cronCreateSchema = z.looseObject({
  assistant_id: z.string().min(1, "assistant_id must name a graph or an assistant"),
  schedule,
  ...cronFields,
});
export type CronCreateBody = z.output<typeof cronCreateSchema>;

export const cronPatchSchema = z.looseObject({
  schedule: schedule.nullish(),
  ...cronFields,
});

export const cronSearchSchema = z.looseObject({
  assistant_id: z.string().nullish(),
  thread_id: z.string().nullish(),
  enabled: z.boolean().nullish(),
  metadata: record.nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
  sort_by: z.enum(["cron_id", "assistant_id", "thread_id", "created_at", "updated_at", "next_run_date"]).nullish(),
  sort_order: z.enum(["asc", "desc"]).nullish(),
  select: z.array(z.enum(["cron_id", "assistant_id", "thread_id", "end_time", "schedule", "created_at", "updated_at", "user_id", "payload", "next_run_date", "metadata", "now", "timezone", "enabled", "on_run_completed"])).nullish(),
});

export const cronCountSchema = z.looseObject({
  assistant_id: z.string().nullish(),
  thread_id: z.string().nullish(),
  metadata: record.nullish(),
});
