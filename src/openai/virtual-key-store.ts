export const budgetPeriods = ["minute", "hour", "day", "month", "total"] as const;
export type BudgetPeriod = (typeof budgetPeriods)[number];

/** A virtual key as stored (never the key itself: its SHA-256). */
export interface VirtualKey {
  id: string;
  name: string;
  /** Model groups the key may call; undefined: every group. */
  models: string[] | undefined;
  rpm: number | undefined;
  tpm: number | undefined;
  budgetUsd: number | undefined;
  period: BudgetPeriod;
  createdAt: number;
  revokedAt: number | undefined;
}

export interface CreateKeyOptions {
  name?: string;
  models?: readonly string[];
  rpm?: number;
  tpm?: number;
  budgetUsd?: number;
  period?: BudgetPeriod;
}

/** Which of a key's limits a reservation would break, and what was already committed then. */
export type KeyRefusal = { limit: "rpm"; rpm: number } | { limit: "tpm"; tpm: number; tokens: number } | { limit: "budget"; budgetUsd: number; committedUsd: number; costUsd: number };

/** Where a reservation was counted: the budget period and the minute it opened, for its release. */
export interface KeyReservation {
  start: number;
  minute: number;
}

/**
 * Virtual keys, their spend and their per-minute windows, as every replica on one database sees them: the
 * SQLite file (VirtualKeys) or Postgres. A reservation is checked and counted in one transaction that
 * serialises the key's requests, so N replicas together overrun a budget by at most one request in flight.
 */
export interface VirtualKeyStore {
  create(options?: CreateKeyOptions): Promise<{ key: string; record: VirtualKey }>;
  get(id: string): Promise<VirtualKey>;
  list(): Promise<Array<VirtualKey & { spentUsd: number }>>;
  revoke(id: string): Promise<VirtualKey>;
  /** Spend in the key's current period. */
  spent(key: VirtualKey): Promise<number>;
  /** Whether any key is live: with none, /v1 needs no key unless the server has keys of its own. */
  anyLive(): Promise<boolean>;
  /** The live key a presented secret names; undefined for unknown or revoked ones. */
  lookup(key: string): Promise<VirtualKey | undefined>;
  /** Checks the key's windows and budget at `now` and, within them, counts the request and reserves its worst-case cost. */
  reserve(key: VirtualKey, costUsd: number, tokens: number, now: number): Promise<KeyReservation | KeyRefusal>;
  /** Turns a reservation into what the request really cost, and corrects its token count. */
  release(key: VirtualKey, reservation: KeyReservation, reservedUsd: number, spentUsd: number, tokenDelta: number): Promise<void>;
}

/** The one rule both stores apply inside their transaction: which limit, if any, this request would break. */
export function keyRefusal(key: VirtualKey, used: { requests: number; tokens: number; spentUsd: number; reservedUsd: number }, costUsd: number, tokens: number): KeyRefusal | undefined {
  if (key.rpm !== undefined && used.requests + 1 > key.rpm) return { limit: "rpm", rpm: key.rpm };
  if (key.tpm !== undefined && used.tokens + tokens > key.tpm) return { limit: "tpm", tpm: key.tpm, tokens };
  const committedUsd = used.spentUsd + used.reservedUsd;
  if (key.budgetUsd !== undefined && committedUsd + costUsd > key.budgetUsd) return { limit: "budget", budgetUsd: key.budgetUsd, committedUsd, costUsd };
  return undefined;
}
