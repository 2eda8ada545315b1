/** A known debt the lint tolerates until the change named in `plan` lands. */
interface KnownDebt {
  /** The day it was written down. */
  since: string;
  /** Who removes it, and how. */
  plan: string;
}

/** An import that breaks the layer table today. */
export interface KnownViolation extends KnownDebt {
  /** `importing file -> imported file`, both relative to the repo root. */
  edge: string;
}

/**
 * The layer table's allow-list (scripts/check-imports.ts). Every entry is a known debt with a date and a plan;
 * a new violation fails the lint, and an entry whose edge is gone is reported for deletion.
 */
export const knownViolations: readonly KnownViolation[] = [];

/** A file over 300 lines today, relative to the repo root. */
export interface KnownLongFile extends KnownDebt {
  file: string;
}

/** Files over the limit today (scripts/check-imports.ts); a file that shrinks under it needs no entry. */
export const knownLongFiles: readonly KnownLongFile[] = [];
