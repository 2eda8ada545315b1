import { defaultGuardianConfig, type GuardianConfig } from "../config/guardian-config.ts";
import type { SwitchyardConfig } from "../config/schema.ts";
import type { Sleep } from "../routing/sleep.ts";
import type { Attempt } from "../state/gateway-state.ts";
import { Guardian, type BaselineSummary } from "./guardian.ts";
import { fanOut, type EventSink, type GuardianEvent } from "./guardian-event.ts";
import { restoreGuardian, snapshotGuardian } from "./guardian-snapshot.ts";
import { jsonLinesFileSink, jsonLinesSink } from "./json-lines-sink.ts";
import type { Incident } from "./incident.ts";
import type { RecoveryTarget } from "./recovery-target.ts";
import { SecurityMonitor, type SecurityReport } from "./security-monitor.ts";
import type { EventLog, SavedSnapshot } from "./event-log.ts";
import { SqliteEventLog } from "./sqlite-event-log.ts";
import { WebhookNotifier } from "./webhook-notifier.ts";

export interface GuardianRuntimeOptions {
  config: SwitchyardConfig;
  now: () => number;
  sleep: Sleep;
  target?: RecoveryTarget;
  /** The SQLite file of the event log and baselines; default the config's checkpoints.url when it is a file, else in memory. */
  stateFile?: string;
  /**
   * Another event log (PostgresEventLog when storage is Postgres), with the baseline snapshot its opener
   * read: the guardian is built synchronously, so an asynchronous log's snapshot is loaded beforehand.
   */
  log?: { log: EventLog; restored: SavedSnapshot | undefined };
  /** Overrides the config's `log` destination (tests pass a collector). */
  lines?: EventSink;
  fetch?: typeof fetch;
}

/** What a request leaves for the guardian: its attempts and, when known, whether the answer was correct. */
export interface RequestOutcome {
  attempts: readonly Attempt[];
  correct?: boolean | undefined;
  threadId?: string | undefined;
  /** The request named its deployment (its refusals are not compared with the fleet's). */
  pinned?: boolean | undefined;
}

/** The guardian with its event log, security monitor and webhook, as the gateway and CLI use it. */
export interface GuardianRuntime {
  readonly guardian: Guardian;
  readonly security: SecurityMonitor;
  readonly log: EventLog;
  readonly webhook: WebhookNotifier | undefined;
  readonly config: GuardianConfig;
  /** The cheap per-request update: observe every attempt, evaluate what they touched. */
  afterRequest(outcome: RequestOutcome): GuardianEvent[];
  /** The scheduled pass: lifts expired holds and judges anything observed since. */
  tick(): GuardianEvent[];
  reportSecurity(report: SecurityReport): GuardianEvent[];
  summary(): { baselines: BaselineSummary[]; incidents: Incident[] };
  /** Saves baselines and incidents to the store. */
  persist(): void;
  /** Waits for webhook deliveries, saves baselines, closes the log. */
  close(): Promise<void>;
}

/** The name the guardian's baselines are saved under (one per log). */
export const GUARDIAN_SNAPSHOT = "default";
const SNAPSHOT = GUARDIAN_SNAPSHOT;

/** The SQLite log and the snapshot it holds, read at once (its calls answer synchronously). */
function openSqliteLog(file: string): { log: EventLog; restored: SavedSnapshot | undefined } {
  const log = SqliteEventLog.open(file);
  return { log, restored: log.loadSnapshot(SNAPSHOT) };
}

/** The state file for a checkpoints URL: the file itself, or an in-memory database for ":memory:" and postgres. */
export function guardianStateFile(checkpointsUrl: string): string {
  return checkpointsUrl === ":memory:" || /^postgres(ql)?:\/\//.test(checkpointsUrl) ? ":memory:" : checkpointsUrl;
}

/**
 * Assembles the guardian for a config: baselines restored from the store, events to SQLite + JSON lines +
 * webhook (never awaited), security bursts per thread and user.
 */
export function createGuardianRuntime(options: GuardianRuntimeOptions): GuardianRuntime {
  let closed = false;
  const config = options.config.guardian ?? defaultGuardianConfig();
  const { log, restored } = options.log ?? openSqliteLog(options.stateFile ?? guardianStateFile(options.config.checkpoints.url));
  const lines = options.lines ?? (config.log === "none" ? undefined : config.log === "stderr" ? jsonLinesSink() : jsonLinesFileSink(config.log));
  const sinks: EventSink[] = [log, ...(lines ? [lines] : [])];
  const webhook =
    config.webhook === undefined
      ? undefined
      : new WebhookNotifier({
          url: config.webhook.url,
          maxAttempts: config.webhook.max_attempts,
          initialBackoffMs: config.webhook.initial_backoff_ms,
          timeoutMs: config.webhook.timeout_ms,
          sleep: options.sleep,
          now: options.now,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          onFailure: (event) => fanOut(sinks).record(event),
        });
  const events = fanOut([...sinks, ...(webhook ? [webhook] : [])], (error) => process.stderr.write(`guardian: an event sink failed: ${String(error)}\n`));
  const guardian = new Guardian({ config, now: options.now, events, ...(options.target ? { target: options.target } : {}) });
  if (restored !== undefined) {
    restoreGuardian(guardian, restored.snapshot);
    guardian.reinstate();
  }
  // Not awaited on Postgres: the request that changed an incident does not wait for the write.
  const persist = () => void Promise.resolve(log.saveSnapshot(SNAPSHOT, options.now(), snapshotGuardian(guardian))).catch((error: unknown) => process.stderr.write(`guardian: saving baselines failed: ${String(error)}\n`));
  // An incident opened, lifted or closed is saved at once: a crash must not forget a block in force.
  const persistOnChange = (events: GuardianEvent[]) => {
    if (events.some((event) => event.category !== "security" && event.category !== "delivery")) persist();
    return events;
  };
  const security = new SecurityMonitor({ events, now: options.now, burstCount: config.security.burst_count, burstWindowMs: config.security.burst_window_seconds * 1000 });
  return {
    guardian,
    security,
    log,
    webhook,
    config,
    afterRequest(outcome) {
      if (!config.enabled) return [];
      const last = outcome.attempts.length - 1;
      outcome.attempts.forEach((attempt, index) => guardian.observe(attempt, index === last ? outcome.correct : undefined, outcome.pinned === true));
      return persistOnChange(guardian.evaluate());
    },
    tick: () => (config.enabled ? persistOnChange(guardian.evaluate()) : []),
    reportSecurity: (report) => security.report(report),
    summary: () => ({ baselines: guardian.summary(), incidents: [...guardian.incidents.values()] }),
    persist,
    async close() {
      // Idempotent: a test or the CLI may close a guardian it attached before the engine closes it again.
      if (closed) return;
      closed = true;
      await webhook?.drain();
      await log.saveSnapshot(SNAPSHOT, options.now(), snapshotGuardian(guardian));
      await log.close();
    },
  };
}
