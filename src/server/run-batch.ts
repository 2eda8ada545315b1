import type { z } from "zod";
import { ServerRequestError, notFound, validate } from "./http-error.ts";
import { runCreateSchema, type RunCreateBody, type runCancelManySchema } from "./request-schemas.ts";
import type { RouteDeps } from "./route-deps.ts";
import type { RunRecord } from "./server-tables.ts";

/** Runs one batch may create: each is a background run with its own thread, so a batch is bounded like any list. */
export const maxBatchRuns = 100;

/**
 * The SDK's `createBatch` spreads each payload as given (`assistantId`, `streamMode`, …) beside `assistant_id`;
 * a field it spelled in camelCase is read as its snake_case name unless that name is there too.
 */
function snakeKeys(payload: unknown): unknown {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return payload;
  const out: Record<string, unknown> = { ...payload };
  for (const [key, value] of Object.entries(payload)) {
    const snake = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    if (snake !== key && !(snake in out)) out[snake] = value;
    if (snake !== key) delete out[key];
  }
  return out;
}

/**
 * `POST /runs/batch`: every payload is checked (schema, assistant, the graph's input schema) before any run is
 * created, so a bad payload creates none; the field is named with the payload's index (`2.input.request`).
 */
export async function parseBatch(deps: RouteDeps, raw: unknown): Promise<RunCreateBody[]> {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > maxBatchRuns) {
    throw new ServerRequestError(422, `body: a batch is a list of 1 to ${maxBatchRuns} run payloads. Fix: send [{ assistant_id, input }, …].`, "body");
  }
  const bodies: RunCreateBody[] = [];
  for (const [index, payload] of raw.entries()) {
    let body: RunCreateBody;
    try {
      body = validate(runCreateSchema, snakeKeys(payload), `body[${index}]`);
    } catch (error) {
      if (error instanceof ServerRequestError) throw new ServerRequestError(error.status, error.message, `${index}.${error.field ?? ""}`.replace(/\.(body\[\d+\])?$/, ""));
      throw error;
    }
    const assistant = await deps.assistants.find(body.assistant_id);
    if (assistant === undefined) throw new ServerRequestError(404, `body field "${index}.assistant_id": no assistant or graph "${body.assistant_id.slice(0, 80)}". Fix: use a graph id or an assistant's id.`, `${index}.assistant_id`);
    const problem = body.input == null ? undefined : await deps.assistants.served(assistant).checkInput?.(body.input);
    if (problem !== undefined) {
      const field = `${index}.${problem.field === "" ? "input" : `input.${problem.field}`}`;
      throw new ServerRequestError(422, `body field "${field}": ${problem.message}`, field);
    }
    bodies.push(body);
  }
  return bodies;
}

/**
 * `POST /runs/cancel`: the runs named (each must exist, and be the named thread's if one is), or every run of
 * a status (`pending`, `running`, `all` = both), of one thread if named. Finished runs are left as they are.
 * Every run is found before any is cancelled, so an unknown id cancels nothing.
 */
export async function runsToCancel(deps: RouteDeps, body: z.output<typeof runCancelManySchema>): Promise<RunRecord[]> {
  const threadId = body.thread_id ?? undefined;
  if (threadId !== undefined && (await deps.state.thread(threadId)) === undefined) throw notFound("thread", threadId);
  if (body.run_ids != null) {
    const found: RunRecord[] = [];
    for (const runId of body.run_ids) {
      const run = await deps.state.run(runId);
      if (run === undefined || (threadId !== undefined && run.thread_id !== threadId)) throw new ServerRequestError(404, `run "${runId.slice(0, 80)}" not found${threadId === undefined ? "" : ` on thread "${threadId}"`}`, "run_ids");
      found.push(run);
    }
    return found;
  }
  const active = threadId === undefined ? await deps.state.unfinishedRuns() : await deps.state.activeRuns(threadId);
  return active.filter((run) => body.status === "all" || run.status === body.status);
}

/** The `action` query of a cancel: interrupt (the default) or rollback; anything else is refused, not guessed. */
export function cancelAction(value: string | undefined): "interrupt" | "rollback" {
  if (value === undefined || value === "interrupt" || value === "rollback") return value ?? "interrupt";
  throw new ServerRequestError(422, `query field "action": "${value.slice(0, 40)}" is not a cancel action. Fix: use interrupt or rollback.`, "action");
}
