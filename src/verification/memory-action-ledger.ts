import { LedgerForkError } from "../errors.ts";
import type { ActionLedger, AppendResult, LedgerAdmit, LedgerEntry, NewLedgerEntry } from "./action-ledger.ts";
import type { ScopedCounts } from "./scoped-limits.ts";

/**
 * The ledger in one process's memory (tests, the Studio dev server). Appends are synchronous inside one
 * call, so they are atomic within the process; use SqliteActionLedger for several processes.
 *
 * @example
 * const ledger = new MemoryActionLedger();
 * await ledger.append("t1", { kind: "executed", callId: "c1", action: "refund", args: { amount: 40 } });
 */
export class MemoryActionLedger implements ActionLedger {
  private readonly rows: LedgerEntry[] = [];
  /** Scopes by entry seq (kept apart: an entry read back carries no scopes, as in the database ledgers). */
  private readonly scopes = new Map<number, readonly string[]>();
  private readonly roots = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  private root(threadId: string): string {
    return this.roots.get(threadId) ?? threadId;
  }

  private lineage(root: string): LedgerEntry[] {
    return this.rows.filter((row) => this.root(row.threadId) === root);
  }

  async entries(threadId: string): Promise<readonly LedgerEntry[]> {
    return this.lineage(this.root(threadId));
  }

  async append(threadId: string, entry: NewLedgerEntry, admit?: LedgerAdmit): Promise<AppendResult> {
    const lineage = this.lineage(this.root(threadId));
    const existing = lineage.find((row) => row.kind === entry.kind && row.callId === entry.callId);
    if (existing !== undefined) return { status: "duplicate", entry: existing };
    const reason = admit?.(lineage, this.counts(entry.scopes ?? []));
    if (reason !== undefined) return { status: "refused", reason };
    const { scopes, ...rest } = entry;
    const row = { ...rest, args: structuredClone(entry.args), seq: this.rows.length + 1, threadId, at: this.now() };
    this.rows.push(row);
    if (scopes !== undefined) this.scopes.set(row.seq, [...scopes]);
    return { status: "appended", entry: row };
  }

  async scopedCounts(scopes: readonly string[]): Promise<ScopedCounts> {
    return this.counts(scopes);
  }

  private counts(scopes: readonly string[]): Record<string, Record<string, number>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const row of this.rows) {
      for (const scope of this.scopes.get(row.seq) ?? []) {
        if (!scopes.includes(scope)) continue;
        const actions = (counts[scope] ??= {});
        actions[row.action] = (actions[row.action] ?? 0) + 1;
      }
    }
    return counts;
  }

  async threadOfCall(callId: string): Promise<string | undefined> {
    return this.rows.find((row) => row.kind === "executed" && row.callId === callId)?.threadId;
  }

  async fork(parentThreadId: string, childThreadId: string): Promise<void> {
    const root = this.root(parentThreadId);
    const current = this.roots.get(childThreadId);
    if (current === root) return;
    if (current !== undefined) throw new LedgerForkError(parentThreadId, childThreadId, `it already belongs to the lineage of "${current}"`);
    // Facts the application set on the new thread are not history: they move into the lineage with it.
    if (this.rows.some((row) => row.threadId === childThreadId && row.kind !== "fact")) throw new LedgerForkError(parentThreadId, childThreadId, "it already has a ledger of its own");
    if (root === childThreadId) return;
    this.roots.set(childThreadId, root);
  }
}
