import type { Context } from "hono";
import { Hono } from "hono";
import { CronScheduleError } from "../cron-schedule.ts";
import { cronCountSchema, cronCreateSchema, cronPatchSchema, cronRunFields, cronSearchSchema, type CronCreateBody } from "../cron-requests.ts";
import { nextRunAt } from "../cron-scheduler.ts";
import { cronResponse, type CronRecord } from "../cron-table.ts";
import type { CronState } from "../state/server-state.ts";
import { ServerRequestError, notFound, validate } from "../http-error.ts";
import { runCreateSchema } from "../request-schemas.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";

export interface CronRouteDeps extends RouteDeps {
  crons: CronState;
  /** Most crons this server keeps (enabled or not): each one costs a poll's look-up for good. */
  maxCrons: number;
}

/** The next firing of a schedule, or a 422 naming the schedule's field and value. */
function scheduleNext(cron: Pick<CronRecord, "schedule" | "end_time">, now: number): number | null {
  try {
    return nextRunAt(cron, now);
  } catch (error) {
    if (error instanceof CronScheduleError) throw new ServerRequestError(422, `body field "schedule": ${error.message}`, "schedule");
    throw error;
  }
}

/** The run fields of a cron body, checked as a run body now so a firing never meets a bad one later. */
async function runPayload(deps: CronRouteDeps, body: Record<string, unknown>, assistantId: string): Promise<Record<string, unknown>> {
  const payload = Object.fromEntries(cronRunFields.filter((field) => body[field] !== undefined && body[field] !== null).map((field) => [field, body[field]]));
  validate(runCreateSchema, { ...payload, assistant_id: assistantId }, "body");
  // Every firing hands the input to a graph as its state update: only an object can be one.
  if (payload.input !== undefined && (typeof payload.input !== "object" || Array.isArray(payload.input))) {
    throw new ServerRequestError(422, 'body field "input": must be a JSON object (the graph\'s input state). Fix: send {"key": value} or omit input.', "input");
  }
  const assistant = await deps.assistants.find(assistantId);
  if (assistant === undefined) {
    const known = deps.assistants.all().map((record) => record.graph_id).join(", ");
    throw new ServerRequestError(404, `assistant "${assistantId}" not found. Fix: use a graph id (${known}) or its assistant_id.`, "assistant_id");
  }
  const problem = payload.input == null ? undefined : await deps.assistants.served(assistant).checkInput?.(payload.input);
  if (problem !== undefined) throw new ServerRequestError(422, `body field "input.${problem.field}": ${problem.message}`, `input.${problem.field}`);
  return payload;
}

/**
 * Crons as the SDK's CronsClient calls them: create (stateless or on a thread), update, delete, search,
 * count. Schedules are standard 5-field cron expressions in UTC; firings run through the RunManager
 * (see cron-scheduler.ts).
 */
export function cronRoutes(deps: CronRouteDeps): Hono {
  const app = new Hono();
  const { crons } = deps;

  // Callers name an assistant by its graph id or its assistant id; crons store the assistant id.
  const assistantIdOf = async (id: string | null | undefined) => (id == null ? undefined : ((await deps.assistants.find(id))?.assistant_id ?? id));
  const create = async (context: Context, threadId: string | null) => {
    const raw = await parseBody(deps, context, cronCreateSchema, "crons");
    const body: CronCreateBody = raw;
    if (threadId !== null && (await deps.state.thread(threadId)) === undefined) throw notFound("thread", threadId);
    if ((await crons.search({ limit: deps.maxCrons, offset: 0 })).length >= deps.maxCrons) {
      throw new ServerRequestError(409, `this server already holds ${deps.maxCrons} crons (server.crons.max_crons). Fix: delete crons you no longer need.`, "schedule");
    }
    const payload = await runPayload(deps, raw, body.assistant_id);
    const endTime = body.end_time == null ? null : Date.parse(body.end_time);
    const schedule = body.schedule.trim();
    const cron = await crons.create({
      cron_id: deps.generateId(),
      assistant_id: (await deps.assistants.find(body.assistant_id))?.assistant_id ?? body.assistant_id,
      thread_id: threadId,
      schedule,
      timezone: body.timezone ?? null,
      end_time: endTime,
      payload,
      metadata: body.metadata ?? {},
      enabled: body.enabled ?? true,
      on_run_completed: body.on_run_completed ?? "delete",
      next_run_at: scheduleNext({ schedule, end_time: endTime }, deps.now()),
    });
    return context.json(cronResponse(cron));
  };

  app.post("/runs/crons", (context) => create(context, null));
  app.post("/threads/:id/runs/crons", (context) => create(context, context.req.param("id")));

  app.post("/runs/crons/search", async (context) => {
    const query = await parseBody(deps, context, cronSearchSchema, "crons");
    const found = await crons.search({
      assistant_id: await assistantIdOf(query.assistant_id),
      thread_id: query.thread_id ?? undefined,
      enabled: query.enabled ?? undefined,
      metadata: query.metadata ?? undefined,
      sort_by: query.sort_by ?? undefined,
      sort_order: query.sort_order ?? undefined,
      limit: query.limit ?? 10,
      offset: query.offset ?? 0,
    });
    const select = query.select;
    const now = new Date(deps.now()).toISOString();
    return context.json(
      found.map((cron) => {
        const wire: Record<string, unknown> = { ...cronResponse(cron), now };
        return select == null ? cronResponse(cron) : Object.fromEntries(select.map((field) => [field, wire[field]]));
      }),
    );
  });
  app.post("/runs/crons/count", async (context) => {
    const query = await parseBody(deps, context, cronCountSchema, "crons");
    const found = await crons.search({ assistant_id: await assistantIdOf(query.assistant_id), thread_id: query.thread_id ?? undefined, metadata: query.metadata ?? undefined, limit: Number.MAX_SAFE_INTEGER, offset: 0 });
    return context.json(found.length);
  });
  app.patch("/runs/crons/:cronId", async (context) => {
    const cron = await crons.get(context.req.param("cronId"));
    if (cron === undefined) throw notFound("cron", context.req.param("cronId"));
    const raw = await parseBody(deps, context, cronPatchSchema, "crons");
    const changed = Object.fromEntries(cronRunFields.filter((field) => raw[field] !== undefined && raw[field] !== null).map((field) => [field, raw[field]]));
    const payload = await runPayload(deps, { ...cron.payload, ...changed }, cron.assistant_id);
    const schedule = raw.schedule?.trim() ?? cron.schedule;
    const endTime = raw.end_time === undefined ? cron.end_time : raw.end_time === null ? null : Date.parse(raw.end_time);
    const updated = await crons.update({
      ...cron,
      schedule,
      end_time: endTime,
      payload,
      metadata: raw.metadata ?? cron.metadata,
      enabled: raw.enabled ?? cron.enabled,
      on_run_completed: raw.on_run_completed ?? cron.on_run_completed,
      next_run_at: scheduleNext({ schedule, end_time: endTime }, deps.now()),
    });
    return context.json(cronResponse(updated));
  });
  app.delete("/runs/crons/:cronId", async (context) => {
    if (!(await crons.delete(context.req.param("cronId")))) throw notFound("cron", context.req.param("cronId"));
    return context.body(null, 204);
  });
  return app;
}
