import { ownerProcessGone, type ThreadLeases } from "../../checkpoints/index.ts";
import { parseCronSchedule, nextFireTime } from "./cron-schedule.ts";
import type { CronRecord } from "./cron-table.ts";
import type { CronState } from "./state/server-state.ts";
import { runCreateSchema, type RunCreateBody } from "./request-schemas.ts";
import type { RunManager } from "./run-manager.ts";

export interface CronSchedulerParts {
  crons: CronState;
  runs: Pick<RunManager, "create">;
  /** Whether a server instance is gone (its process on this host ended, or its heartbeat expired). */
  ownerDied: (owner: string) => Promise<boolean>;
  /** Whether a thread still exists: a thread cron whose thread was deleted goes with it. */
  threadExists: (threadId: string) => Promise<boolean>;
  /** This server's instance id, recorded with every firing it claims. */
  owner: string;
  now: () => number;
  generateId: () => string;
  /** How often due crons are looked for; a firing starts at most this late. */
  pollMs: number;
  /** Most firings started per poll; the rest wait for the next poll, so a backlog never floods the server. */
  batch: number;
  log?: ((line: string) => void) | undefined;
}

/** Settled firings are kept this long (for search and audit), then dropped. */
const firingRetentionMs = 24 * 60 * 60_000;
/** A firing unstarted this long after its claim is looked at: was its claimer killed before creating the run? */
const unstartedAfterMs = 30_000;

/** One firing this server claimed, and the run it started (or why none started). */
export interface CronFiring {
  cron_id: string;
  fire_at: number;
  run_id?: string;
  error?: string;
}

/** `ownerDied` from the thread leases: the claimer's process on this host ended, or its heartbeat expired. */
export function instanceGone(leases: Pick<ThreadLeases, "instanceAlive">): (owner: string) => Promise<boolean> {
  return async (owner) => ownerProcessGone(owner) || !(await leases.instanceAlive(owner));
}

/** When a cron fires after `after`: null past its end_time. A firing missed while no server ran is not repeated. */
export function nextRunAt(cron: Pick<CronRecord, "schedule" | "end_time">, after: number): number | null {
  const next = nextFireTime(parseCronSchedule(cron.schedule), after) ?? null;
  return next !== null && cron.end_time !== null && next > cron.end_time ? null : next;
}

/** The run body a firing starts: the stored payload, read back through the run schema (it came from disk). */
function runBodyOf(cron: CronRecord): RunCreateBody {
  const metadata = { ...(typeof cron.payload.metadata === "object" ? cron.payload.metadata : {}), cron_id: cron.cron_id };
  return runCreateSchema.parse({
    ...cron.payload,
    assistant_id: cron.assistant_id,
    metadata,
    // A thread cron waits for a run in flight rather than losing its firing.
    multitask_strategy: cron.payload.multitask_strategy ?? (cron.thread_id === null ? undefined : "enqueue"),
  });
}

/**
 * Fires due crons through the RunManager. Every server on one database runs a scheduler; each firing is
 * claimed in one transaction (CronTable.claim), so it starts exactly one run whichever server claims it.
 * A thread cron runs on its thread; a stateless one on a new thread, deleted after the run unless the cron
 * says `on_run_completed: "keep"`.
 */
export class CronScheduler {
  readonly #parts: CronSchedulerParts;
  #timer: ReturnType<typeof setInterval> | undefined;
  #ticking: Promise<CronFiring[]> | undefined;
  #stopped = false;

  constructor(parts: CronSchedulerParts) {
    this.#parts = parts;
  }

  /** Polls every `pollMs` on an unref'd timer: a scheduler never keeps the process alive. */
  start(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    this.#timer = setInterval(() => void this.tick().catch((error: unknown) => this.#parts.log?.(`cron poll failed: ${String(error)}`)), this.#parts.pollMs);
    this.#timer.unref?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#ticking?.catch(() => undefined);
  }

  /** Claims and starts what is due now; one poll at a time in this process. */
  tick(): Promise<CronFiring[]> {
    this.#ticking ??= this.#fireDue().finally(() => (this.#ticking = undefined));
    return this.#ticking;
  }

  async #fireDue(): Promise<CronFiring[]> {
    const { crons, now, batch, owner } = this.#parts;
    const fired: CronFiring[] = await this.#resumeUnstarted();
    for (const due of await crons.due(now(), batch)) {
      const cron = await crons.get(due.cron_id);
      if (cron === undefined) continue;
      const next = nextRunAt(cron, Math.max(now(), due.next_run_at));
      if (!(await crons.claim(cron.cron_id, due.next_run_at, next, owner))) continue;
      fired.push(await this.#start(cron, due.next_run_at));
    }
    if (fired.length > 0) await crons.forgetFirings(now() - firingRetentionMs);
    return fired;
  }

  /**
   * A claimer killed between its claim and the run's creation leaves a firing with neither a run id nor an
   * error (the run id is written with the run, in one transaction). Such a firing of a dead claimer is
   * taken over, once across servers, and started here: a crash loses no firing and doubles none.
   */
  async #resumeUnstarted(): Promise<CronFiring[]> {
    const { crons, now, batch, owner, ownerDied } = this.#parts;
    const resumed: CronFiring[] = [];
    for (const firing of await crons.unstarted(now() - unstartedAfterMs, batch)) {
      if (firing.owner === owner || !(await ownerDied(firing.owner))) continue;
      if (!(await crons.reclaim(firing.cron_id, firing.fire_at, firing.owner, owner))) continue;
      const cron = await crons.get(firing.cron_id);
      if (cron === undefined) {
        await crons.recordError(firing.cron_id, firing.fire_at, "the cron was deleted before its firing started");
        continue;
      }
      resumed.push(await this.#start(cron, firing.fire_at));
    }
    return resumed;
  }

  async #start(cron: CronRecord, fireAt: number): Promise<CronFiring> {
    const { runs, crons, generateId, threadExists } = this.#parts;
    if (cron.thread_id !== null && !(await threadExists(cron.thread_id))) {
      await crons.recordError(cron.cron_id, fireAt, `thread ${cron.thread_id} was deleted`);
      await crons.delete(cron.cron_id);
      this.#parts.log?.(`cron ${cron.cron_id} removed: its thread ${cron.thread_id} was deleted`);
      return { cron_id: cron.cron_id, fire_at: fireAt, error: `thread ${cron.thread_id} was deleted; the cron is removed` };
    }
    try {
      const body = runBodyOf(cron);
      const stateless = cron.thread_id === null;
      const keep = stateless && cron.on_run_completed === "keep";
      const threadId = cron.thread_id ?? generateId();
      const run = await runs.create(threadId, keep ? { ...body, if_not_exists: "create" } : body, stateless && !keep, false, { cronId: cron.cron_id, dueAt: fireAt });
      return { cron_id: cron.cron_id, fire_at: fireAt, run_id: run.run_id };
    } catch (error) {
      // The firing stays claimed: a deleted thread or refused input would fail the same way on another server.
      const message = error instanceof Error ? error.message : String(error);
      await crons.recordError(cron.cron_id, fireAt, message);
      this.#parts.log?.(`cron ${cron.cron_id} firing at ${new Date(fireAt).toISOString()} started no run: ${message}`);
      return { cron_id: cron.cron_id, fire_at: fireAt, error: message };
    }
  }
}
