import type Database from "better-sqlite3";
import { AssistantTable } from "../assistant-table.ts";
import { CronTable } from "../cron-table.ts";
import { ServerTables, type RunRecord } from "../server-tables.ts";
import { VirtualKeys } from "../../openai/virtual-keys.ts";
import { SqliteA2aTasks } from "./sqlite-a2a-tasks.ts";
import { SqliteThreadTtls } from "./sqlite-thread-ttls.ts";
import type { AssistantState, CronState, RunEnding, RunOpening, ServerState, ServerStorage } from "./server-state.ts";

/**
 * The SQLite side of ServerState: today's synchronous tables behind the async interface. Every call runs
 * its statement at once and resolves, so the embedded server keeps its speed.
 */
export class SqliteServerState implements ServerState {
  readonly kind = "sqlite";
  /** The synchronous tables behind this interface. */
  readonly tables: ServerTables;
  readonly #crons: CronTable;

  constructor(tables: ServerTables, crons: CronTable) {
    this.tables = tables;
    this.#crons = crons;
  }

  createThread(...args: Parameters<ServerTables["createThread"]>) {
    return Promise.resolve(this.tables.createThread(...args));
  }
  thread(threadId: string) {
    return Promise.resolve(this.tables.thread(threadId));
  }
  updateThread(...args: Parameters<ServerTables["updateThread"]>) {
    return Promise.resolve(this.tables.updateThread(...args));
  }
  searchThreads(...args: Parameters<ServerTables["searchThreads"]>) {
    return Promise.resolve(this.tables.searchThreads(...args));
  }
  deleteThread(threadId: string) {
    return Promise.resolve(this.tables.deleteThread(threadId));
  }

  openRun(opening: RunOpening): Promise<RunRecord> {
    const { tables } = this;
    return Promise.resolve(
      tables.transaction(() => {
        tables.busyThread(opening.run.thread_id, opening.threadMetadata);
        const created = tables.createRun(opening.run);
        if (opening.cronFiring !== undefined) this.#crons.recordRun(opening.cronFiring.cronId, opening.cronFiring.dueAt, created.run_id);
        return created;
        // Immediate: the write lock first, so a peer's write in between cannot fail this one busy halfway.
      }, true),
    );
  }

  startRun(runId: string, latestCheckpointId: string, owner?: string) {
    return Promise.resolve(this.tables.startRun(runId, latestCheckpointId, owner));
  }

  endRun(runId: string, threadId: string, ending: RunEnding): Promise<void> {
    const { tables } = this;
    if (ending.deleteThread === true) {
      tables.deleteThread(threadId);
      return Promise.resolve();
    }
    tables.transaction(() => {
      if (ending.status === "error") tables.failRun(runId, ending.reason ?? "unknown");
      else tables.setRunStatus(runId, ending.status);
      tables.updateThread(threadId, ending.thread);
      if (ending.deleteRun === true) tables.deleteRun(runId);
    });
    return Promise.resolve();
  }

  run(runId: string) {
    return Promise.resolve(this.tables.run(runId));
  }
  runProgress(runId: string) {
    return Promise.resolve(this.tables.runProgress(runId));
  }
  setRunStatus(...args: Parameters<ServerTables["setRunStatus"]>) {
    return Promise.resolve(this.tables.setRunStatus(...args));
  }
  failRun(runId: string, reason: string) {
    return Promise.resolve(this.tables.failRun(runId, reason));
  }
  unfinishedRuns() {
    return Promise.resolve(this.tables.unfinishedRuns());
  }
  async unfinishedRunHeads() {
    // A local file: reading the whole rows costs little, so one statement serves both.
    return this.tables.unfinishedRuns().map(({ run_id, thread_id, owner }) => ({ run_id, thread_id, owner }));
  }
  claimRun(runId: string, from: string, to: string) {
    return Promise.resolve(this.tables.claimRun(runId, from, to));
  }
  listRuns(...args: Parameters<ServerTables["listRuns"]>) {
    return Promise.resolve(this.tables.listRuns(...args));
  }
  lastRunConfig(threadId: string) {
    return Promise.resolve(this.tables.lastRunConfig(threadId));
  }
  activeRuns(threadId: string) {
    return Promise.resolve(this.tables.activeRuns(threadId));
  }
  hasActiveRun(threadId: string) {
    return Promise.resolve(this.tables.hasActiveRun(threadId));
  }
  deleteRun(runId: string) {
    return Promise.resolve(this.tables.deleteRun(runId));
  }
}

/** CronTable behind the async interface (its claim is already async: it retries a busy file). */
class SqliteCronState implements CronState {
  readonly #table: CronTable;

  constructor(table: CronTable) {
    this.#table = table;
  }

  create(...args: Parameters<CronTable["create"]>) {
    return Promise.resolve(this.#table.create(...args));
  }
  get(cronId: string) {
    return Promise.resolve(this.#table.get(cronId));
  }
  update(...args: Parameters<CronTable["update"]>) {
    return Promise.resolve(this.#table.update(...args));
  }
  delete(cronId: string) {
    return Promise.resolve(this.#table.delete(cronId));
  }
  search(...args: Parameters<CronTable["search"]>) {
    return Promise.resolve(this.#table.search(...args));
  }
  due(now: number, limit: number) {
    return Promise.resolve(this.#table.due(now, limit));
  }
  claim(cronId: string, dueAt: number, nextAt: number | null, owner: string) {
    return this.#table.claim(cronId, dueAt, nextAt, owner);
  }
  recordError(cronId: string, dueAt: number, message: string) {
    return Promise.resolve(this.#table.recordError(cronId, dueAt, message));
  }
  unstarted(claimedBefore: number, limit: number) {
    return Promise.resolve(this.#table.unstarted(claimedBefore, limit));
  }
  reclaim(cronId: string, dueAt: number, from: string, to: string) {
    return Promise.resolve(this.#table.reclaim(cronId, dueAt, from, to));
  }
  firings(cronId: string) {
    return Promise.resolve(this.#table.firings(cronId));
  }
  forgetFirings(before: number) {
    return Promise.resolve(this.#table.forgetFirings(before));
  }
}

/** AssistantTable behind the async interface. */
class SqliteAssistantState implements AssistantState {
  readonly #table: AssistantTable;

  constructor(table: AssistantTable) {
    this.#table = table;
  }

  get(assistantId: string) {
    return Promise.resolve(this.#table.get(assistantId));
  }
  all() {
    return Promise.resolve(this.#table.all());
  }
  save(...args: Parameters<AssistantTable["save"]>) {
    return Promise.resolve(this.#table.save(...args));
  }
  versions(assistantId: string) {
    return Promise.resolve(this.#table.versions(assistantId));
  }
  latestVersion(assistantId: string) {
    return Promise.resolve(this.#table.latestVersion(assistantId));
  }
  delete(assistantId: string) {
    return Promise.resolve(this.#table.delete(assistantId));
  }
}

/**
 * The server's tables in a SQLite database (the checkpoint file, or an in-memory one), behind ServerStorage.
 *
 * @example
 * const storage = sqliteServerStorage(saver.database, Date.now);
 * const thread = await storage.state.createThread("t1", {});
 */
export function sqliteServerStorage(database: Database.Database, now: () => number): ServerStorage & { state: SqliteServerState } {
  const cronTable = new CronTable(database, now);
  return {
    state: new SqliteServerState(new ServerTables(database, now), cronTable),
    crons: new SqliteCronState(cronTable),
    assistants: new SqliteAssistantState(new AssistantTable(database)),
    a2aTasks: new SqliteA2aTasks(database, now),
    ttls: new SqliteThreadTtls(database),
    keys: new VirtualKeys(database, now),
    close: () => Promise.resolve(),
  };
}
