import {
  exceededLimit,
  freshRuntime,
  refusalReason,
  slotPollMs,
  usageWindowMs,
  type AcquireRequest,
  type AcquireResult,
  type CooldownEntry,
  type DeploymentRuntime,
  type Lease,
  type OutcomeCounts,
  type RoutingStateStore,
} from "./state-store.ts";
import { RuntimeTable } from "./runtime-table.ts";
import { TimedQueue } from "./timed-queue.ts";
import { UsageWindow } from "./usage-window.ts";

/** An in-flight lease: when it expires, and its admission in the usage window (to correct the token estimate). */
interface LeaseEntry {
  expiresAt: number;
  sequence: number;
}

interface DeploymentRecord {
  runtime: DeploymentRuntime;
  usage: UsageWindow;
  leases: Map<string, LeaseEntry>;
  /** Earliest lease expiry, so the common case (nothing expired) skips walking the leases. */
  nextLeaseExpiry: number;
  outcomes: TimedQueue<boolean>;
  failures: number;
  /** When a usage entry leaves the window or a lease expires next: before then a refresh changes nothing. */
  refreshAt: number;
  /** The group lists this record is a row of, with its row in each: every write is copied there. */
  rows: { list: RecordList; index: number }[];
}

/** A group's records, the array of their (live) runtimes and the same numbers as a table, handed to selection. */
interface RecordList {
  records: DeploymentRecord[];
  runtimes: DeploymentRuntime[];
  table: RuntimeTable;
  /** The earliest `refreshAt` of its records: before then a snapshot of the group refreshes nothing. */
  refreshAt: number;
}

/**
 * Routing state in this process only: the default. Methods do their work synchronously and return resolved
 * promises; `snapshotSync` lets selection skip the promise entirely.
 */
export class MemoryRoutingStateStore implements RoutingStateStore {
  readonly #records = new Map<string, DeploymentRecord>();
  /** Records per id list: the router asks with the same array of a group's ids every time. */
  #recordLists = new WeakMap<readonly string[], RecordList>();
  /** The same lists by content, so a caller passing a new array per call (a status page) finds its list again. */
  readonly #listsByIds = new Map<string, RecordList>();

  #record(deploymentId: string): DeploymentRecord {
    let record = this.#records.get(deploymentId);
    if (record === undefined) {
      record = {
        runtime: freshRuntime(),
        usage: new UsageWindow(),
        leases: new Map(),
        nextLeaseExpiry: Number.POSITIVE_INFINITY,
        outcomes: new TimedQueue(),
        failures: 0,
        refreshAt: Number.POSITIVE_INFINITY,
        rows: [],
      };
      this.#records.set(deploymentId, record);
    }
    return record;
  }

  #refresh(record: DeploymentRecord, now: number): void {
    const runtime = record.runtime;
    const usage = record.usage;
    // The common case, nothing left the window, costs one comparison and no closure.
    if (usage.head < usage.times.length && (usage.times[usage.head] as number) <= now - usageWindowMs) {
      runtime.tokensInWindow -= usage.dropThrough(now - usageWindowMs);
    }
    runtime.requestsInWindow = usage.size;
    runtime.oldestInWindowAt = usage.size > 0 ? (usage.times[usage.head] as number) : null;
    if (record.nextLeaseExpiry <= now) {
      let next = Number.POSITIVE_INFINITY;
      // An expired lease's late release can no longer correct its estimate: the estimate stays counted.
      for (const [leaseId, lease] of record.leases) {
        if (lease.expiresAt <= now) record.leases.delete(leaseId);
        else next = Math.min(next, lease.expiresAt);
      }
      record.nextLeaseExpiry = next;
    }
    runtime.inFlight = record.leases.size;
    record.refreshAt = Math.min(record.nextLeaseExpiry, usage.size > 0 ? (usage.times[usage.head] as number) + usageWindowMs : Number.POSITIVE_INFINITY);
    this.#written(record);
  }

  /** After any change to a record's runtime: copies it into the tables of its groups (usually one or two). */
  #written(record: DeploymentRecord): void {
    for (const row of record.rows) {
      row.list.table.write(row.index, record.runtime);
      if (record.refreshAt < row.list.refreshAt) row.list.refreshAt = record.refreshAt;
    }
  }

  acquire(request: AcquireRequest): Promise<AcquireResult> {
    return Promise.resolve(this.acquireSync(request));
  }

  /** The synchronous body of `acquire`. */
  acquireSync(request: AcquireRequest): AcquireResult {
    const record = this.#record(request.deploymentId);
    this.#refresh(record, request.now);
    const runtime = record.runtime;
    const limit = exceededLimit(request.limits, runtime.inFlight, runtime.requestsInWindow, runtime.tokensInWindow, request.tokens);
    if (limit !== null) {
      return {
        ok: false,
        refusal: {
          deploymentId: request.deploymentId,
          limit,
          reason: refusalReason(limit, request.limits, runtime.inFlight, runtime.requestsInWindow, runtime.tokensInWindow, request.tokens),
          retryAtMs: this.#retryAt(record, limit, request),
        },
      };
    }
    const sequence = record.usage.push(request.now, request.tokens);
    runtime.tokensInWindow += request.tokens;
    runtime.requestsInWindow += 1;
    runtime.oldestInWindowAt ??= request.now;
    record.leases.set(request.leaseId, { expiresAt: request.now + request.leaseTtlMs, sequence });
    record.nextLeaseExpiry = Math.min(record.nextLeaseExpiry, request.now + request.leaseTtlMs);
    runtime.inFlight = record.leases.size;
    record.refreshAt = Math.min(record.refreshAt, record.nextLeaseExpiry, (record.usage.times[record.usage.head] as number) + usageWindowMs);
    this.#written(record);
    return { ok: true, lease: { deploymentId: request.deploymentId, leaseId: request.leaseId, tokens: request.tokens, acquiredAt: request.now } };
  }

  #retryAt(record: DeploymentRecord, limit: "max_concurrent" | "rpm" | "tpm", request: AcquireRequest): number | null {
    if (limit === "max_concurrent") {
      // A release can come any moment; the lease expiry is only the latest bound.
      let earliest = request.now + slotPollMs;
      for (const lease of record.leases.values()) earliest = Math.min(earliest, lease.expiresAt);
      return earliest;
    }
    const usage = record.usage;
    if (limit === "rpm") return (usage.times[usage.head] as number) + usageWindowMs;
    const tpm = request.limits.tpm ?? Number.POSITIVE_INFINITY;
    if (request.tokens > tpm) return null;
    let remaining = record.runtime.tokensInWindow;
    for (let index = usage.head; index < usage.times.length; index += 1) {
      remaining -= usage.tokens[index] as number;
      if (remaining + request.tokens <= tpm) return (usage.times[index] as number) + usageWindowMs;
    }
    return request.now;
  }

  release(lease: Lease, actualTokens: number | undefined, now: number): Promise<void> {
    const record = this.#record(lease.deploymentId);
    const held = record.leases.get(lease.leaseId);
    record.leases.delete(lease.leaseId);
    if (held !== undefined && actualTokens !== undefined) record.runtime.tokensInWindow += record.usage.correct(held.sequence, actualTokens);
    this.#refresh(record, now);
    return Promise.resolve();
  }

  recordOutcome(deploymentId: string, success: boolean, now: number, windowMs: number): Promise<OutcomeCounts> {
    const record = this.#record(deploymentId);
    record.outcomes.dropThrough(now - windowMs, (failed) => {
      if (failed) record.failures -= 1;
    });
    record.outcomes.push(now, !success);
    if (!success) record.failures += 1;
    return Promise.resolve({ failures: record.failures, requests: record.outcomes.size });
  }

  setCooldown(deploymentId: string, until: number, reason: string): Promise<CooldownEntry> {
    const record = this.#record(deploymentId);
    const runtime = record.runtime;
    if (until > runtime.cooldownUntil) {
      runtime.cooldownUntil = until;
      runtime.cooldownReason = reason;
      this.#written(record);
    }
    return Promise.resolve({ until: runtime.cooldownUntil, reason: runtime.cooldownReason });
  }

  clearCooldown(deploymentId: string): Promise<void> {
    const record = this.#record(deploymentId);
    record.runtime.cooldownUntil = 0;
    record.runtime.cooldownReason = "";
    this.#written(record);
    return Promise.resolve();
  }

  recordLatency(deploymentId: string, latencyMs: number, now: number, alpha: number): Promise<void> {
    const record = this.#record(deploymentId);
    const runtime = record.runtime;
    runtime.latencyMs = Number.isNaN(runtime.latencyMs) ? latencyMs : alpha * latencyMs + (1 - alpha) * runtime.latencyMs;
    runtime.latencyUpdatedAt = now;
    this.#written(record);
    return Promise.resolve();
  }

  snapshot(deploymentIds: readonly string[], now: number): Promise<DeploymentRuntime[]> {
    return Promise.resolve(this.snapshotSync(deploymentIds, now));
  }

  /**
   * The live runtime records (not copies: selection only reads them, and copying 1,000 records per request is
   * what made selection cost grow in other gateways). The returned array is the same one on every call for the
   * same id array: read it, do not change it.
   */
  snapshotSync(deploymentIds: readonly string[], now: number): DeploymentRuntime[] {
    return this.#current(deploymentIds, now).runtimes;
  }

  /**
   * The same state as a table (one row per id, kept current on every write), which is what selection reads
   * fastest. The same table on every call for the same id array: read it, do not change it.
   */
  runtimeTableSync(deploymentIds: readonly string[], now: number): RuntimeTable {
    return this.#current(deploymentIds, now).table;
  }

  /** The list of the ids' records, with every record that time has changed (window, lease expiry) refreshed. */
  #current(deploymentIds: readonly string[], now: number): RecordList {
    let list = this.#recordLists.get(deploymentIds);
    if (list === undefined) list = this.#newList(deploymentIds);
    // Usage counts and in-flight leases are kept current on every write; only time passing needs a refresh,
    // and until the group's earliest refresh time that is one comparison, not one per deployment.
    if (list.refreshAt > now) return list;
    const records = list.records;
    let next = Number.POSITIVE_INFINITY;
    for (let index = 0; index < records.length; index += 1) {
      const record = records[index] as DeploymentRecord;
      if (record.refreshAt <= now) this.#refresh(record, now);
      if (record.refreshAt < next) next = record.refreshAt;
    }
    list.refreshAt = next;
    return list;
  }

  #newList(deploymentIds: readonly string[]): RecordList {
    const key = deploymentIds.join("\n");
    const known = this.#listsByIds.get(key);
    if (known !== undefined) {
      this.#recordLists.set(deploymentIds, known);
      return known;
    }
    const records = deploymentIds.map((id) => this.#record(id));
    const list: RecordList = { records, runtimes: records.map((record) => record.runtime), table: new RuntimeTable(records.length), refreshAt: Number.NEGATIVE_INFINITY };
    for (const [index, record] of records.entries()) {
      record.rows.push({ list, index });
      list.table.write(index, record.runtime);
    }
    this.#recordLists.set(deploymentIds, list);
    this.#listsByIds.set(key, list);
    return list;
  }

  clear(): Promise<void> {
    this.#records.clear();
    this.#recordLists = new WeakMap();
    this.#listsByIds.clear();
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
