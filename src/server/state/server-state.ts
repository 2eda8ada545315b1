import type { VirtualKeyStore } from "../../openai/virtual-key-store.ts";
import type { AssistantRecord, AssistantVersion } from "../assistant-table.ts";
import type { CronQuery, CronRecord } from "../cron-table.ts";
import type { MultitaskStrategy, RunProgress, RunRecord, RunStatus, ThreadRecord, ThreadSort, ThreadStatus } from "../server-tables.ts";

/** A run's identity and owner, without its stored request. */
export type RunHead = Pick<RunRecord, "run_id" | "thread_id" | "owner">;

/** What a thread update may change; fields left out keep their stored value. */
export interface ThreadPatch {
  status?: ThreadStatus;
  metadata?: Record<string, unknown>;
  error?: string | null;
}

/** Thread search as the API asks it: metadata filters match top-level keys exactly. */
export interface ThreadQuery {
  metadata?: Record<string, unknown>;
  status?: ThreadStatus;
  ids?: string[];
  limit: number;
  offset: number;
  sort?: ThreadSort;
}

/** A new run and what its creation writes with it in one transaction. */
export interface RunOpening {
  run: Omit<RunRecord, "created_at" | "updated_at" | "started_from">;
  /** The thread gets these metadata keys (merged) and turns busy; created when it does not exist. */
  threadMetadata: Record<string, unknown>;
  /** A cron firing that started this run: its run id is written with the run, or neither is. */
  cronFiring?: { cronId: string; dueAt: number };
}

/** How a run ended, written with its thread's new status in one transaction. */
export interface RunEnding {
  status: Extract<RunStatus, "success" | "interrupted" | "error">;
  /** For "error": why, kept in the run's metadata as `error_reason`. */
  reason?: string;
  thread: ThreadPatch;
  /** A rollback: the run's record goes. */
  deleteRun?: boolean;
  /**
   * A stateless run whose checkpoints never reached the saver: its thread and records go instead (one
   * transaction), where an end written and then deleted cost two.
   */
  deleteThread?: boolean;
}

/**
 * Threads, runs and the run queue of `switchyard serve`, as every replica on one database sees them. Two
 * implementations: SQLite (the embedded default; its calls resolve at once) and Postgres (replicas on other
 * machines). Each multi-row change is one method, so it is one transaction in either.
 */
export interface ServerState {
  /** "sqlite" (one file, processes of one host) or "postgres" (replicas anywhere). */
  readonly kind: "sqlite" | "postgres";
  createThread(threadId: string, metadata: Record<string, unknown>, status?: ThreadStatus): Promise<ThreadRecord>;
  thread(threadId: string): Promise<ThreadRecord | undefined>;
  updateThread(threadId: string, patch: ThreadPatch): Promise<void>;
  searchThreads(query: ThreadQuery): Promise<ThreadRecord[]>;
  /** The thread and its runs. */
  deleteThread(threadId: string): Promise<boolean>;
  /** Writes the run pending, its thread busy, and the cron firing's run id, together. */
  openRun(opening: RunOpening): Promise<RunRecord>;
  /**
   * Marks a run running, noting the thread's latest checkpoint id then ("" for none). With `owner`, only a
   * run still that owner's and pending or running is marked; answers whether the run was marked.
   */
  startRun(runId: string, latestCheckpointId: string, owner?: string): Promise<boolean>;
  endRun(runId: string, threadId: string, ending: RunEnding): Promise<void>;
  run(runId: string): Promise<RunRecord | undefined>;
  runProgress(runId: string): Promise<RunProgress | undefined>;
  setRunStatus(runId: string, status: RunStatus): Promise<void>;
  failRun(runId: string, reason: string): Promise<void>;
  /** Pending and running runs of every thread, oldest first: what crash recovery looks through. */
  unfinishedRuns(): Promise<RunRecord[]>;
  /** The same runs' ids, threads and owners only: what a recovery pass on every replica reads every lease TTL. */
  unfinishedRunHeads(): Promise<RunHead[]>;
  /**
   * Moves an unfinished run from the owner the caller saw to `to`; true for exactly one of several
   * replicas claiming it at once (Postgres: the row is locked with FOR UPDATE SKIP LOCKED, so a second
   * claimer skips it instead of waiting).
   */
  claimRun(runId: string, from: string, to: string): Promise<boolean>;
  listRuns(threadId: string, query: { limit: number; offset: number; status?: RunStatus }): Promise<RunRecord[]>;
  lastRunConfig(threadId: string): Promise<Record<string, unknown>>;
  activeRuns(threadId: string): Promise<RunRecord[]>;
  hasActiveRun(threadId: string): Promise<boolean>;
  deleteRun(runId: string): Promise<boolean>;
}

/** The server's crons (see cron-table.ts for the claim protocol both implementations keep). */
export interface CronState {
  create(record: Omit<CronRecord, "created_at" | "updated_at">): Promise<CronRecord>;
  get(cronId: string): Promise<CronRecord | undefined>;
  update(record: CronRecord): Promise<CronRecord>;
  delete(cronId: string): Promise<boolean>;
  search(query: CronQuery): Promise<CronRecord[]>;
  due(now: number, limit: number): Promise<Array<{ cron_id: string; next_run_at: number }>>;
  claim(cronId: string, dueAt: number, nextAt: number | null, owner: string): Promise<boolean>;
  recordError(cronId: string, dueAt: number, message: string): Promise<void>;
  unstarted(claimedBefore: number, limit: number): Promise<Array<{ cron_id: string; fire_at: number; owner: string }>>;
  reclaim(cronId: string, dueAt: number, from: string, to: string): Promise<boolean>;
  firings(cronId: string): Promise<Array<{ fire_at: number; owner: string; run_id: string | null; error: string | null }>>;
  forgetFirings(before: number): Promise<number>;
}

/** The server's assistants and their versions. */
export interface AssistantState {
  get(assistantId: string): Promise<AssistantRecord | undefined>;
  /** Oldest first. */
  all(): Promise<AssistantRecord[]>;
  save(assistant: AssistantRecord): Promise<AssistantRecord>;
  versions(assistantId: string): Promise<AssistantVersion[]>;
  latestVersion(assistantId: string): Promise<number>;
  delete(assistantId: string): Promise<boolean>;
}

/** Which run carries an A2A task: what any replica reads to learn how the task ended. */
export interface A2aRunLink {
  run_id: string;
  thread_id: string;
  context_id: string;
  graph_id: string;
  /** A v0.3 turn that ended leaving the task open: its next message is new input, not an interrupt's answer. */
  open_turn?: boolean;
}

/**
 * A2A tasks (the SDK's Task as JSON) per owner label (a hash of tenant and peer), and each task's run. Task
 * ids are the SDK's, so a run link is keyed by task id alone; a task is only ever read under its owner.
 */
export interface A2aTaskState {
  /** Writes the task's latest copy, replacing the one before. */
  saveTask(owner: string, taskId: string, task: Record<string, unknown>): Promise<void>;
  task(owner: string, taskId: string): Promise<Record<string, unknown> | undefined>;
  /** Up to `limit` of the owner's tasks, the most recently saved first. */
  tasks(owner: string, limit: number): Promise<Array<{ taskId: string; task: Record<string, unknown> }>>;
  linkRun(taskId: string, link: A2aRunLink): Promise<void>;
  runLink(taskId: string): Promise<A2aRunLink | undefined>;
  /**
   * Claims an agent token's id (`issuer|jti`) until `expiresAtMs`: true the first time any process on this
   * storage presents it, false for a replay, to this process or another. Expired claims are swept.
   */
  claimTokenId(id: string, expiresAtMs: number): Promise<boolean>;
}

export type ThreadTtlStrategy = "delete" | "keep_latest";

/** A thread whose time is up, and what to do with it. */
export interface ExpiredThread {
  thread_id: string;
  strategy: ThreadTtlStrategy;
}

/**
 * Per-thread TTLs beside the threads they time: a thread expires `ttl` after its last update (a run, a
 * patch, a state update) or after its last keep-latest prune, whichever is later. Threads without a TTL of
 * their own use the configured default, when there is one. Every replica's sweeper reads the same rows.
 */
export interface ThreadTtlState {
  set(threadId: string, ttlMinutes: number, strategy: ThreadTtlStrategy): Promise<void>;
  /** Notes a keep-latest prune: the thread's clock starts again from `now`. */
  swept(threadId: string, now: number): Promise<void>;
  /** Drops the TTLs of threads deleted by other means (DELETE /threads/:id); returns how many. */
  forgetDeleted(): Promise<number>;
  /** Up to `limit` idle threads whose TTL (their own, else `fallback`) ran out by `now`. */
  expired(now: number, fallback: { ttlMs: number | null; strategy: ThreadTtlStrategy }, limit: number): Promise<ExpiredThread[]>;
  /**
   * Deletes the thread, its runs and its TTL if it is still idle (not busy, no run pending or running), in
   * one transaction: true for exactly one of several sweepers deleting it at once, so its checkpoints are
   * deleted once, and never under a run that started since the sweep read it.
   */
  deleteIdle(threadId: string): Promise<boolean>;
}

/** Everything the server keeps, opened together. */
export interface ServerStorage {
  state: ServerState;
  crons: CronState;
  assistants: AssistantState;
  a2aTasks: A2aTaskState;
  ttls: ThreadTtlState;
  /** The OpenAI endpoint's virtual keys, their spend and their rate windows. */
  keys: VirtualKeyStore;
  /** Creates the tables when missing and checks their format (Postgres); once, however often called. */
  setup?(): Promise<void>;
  /** Closes what was opened for the storage (a Postgres pool); a SQLite file's owner closes it. */
  close(): Promise<void>;
}

export type { MultitaskStrategy };
