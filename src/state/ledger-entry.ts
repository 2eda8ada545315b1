import { z } from "zod";

/**
 * One line of the fact ledger: a salient statement kept verbatim through every compaction. Checkpointed,
 * hence zod. `block` is the compaction that wrote it: the context renders entries by block, so a new
 * compaction appends and the prefix before it stays byte-identical for provider prompt caches.
 */
export const ledgerEntrySchema = z.object({
  text: z.string(),
  score: z.number().nonnegative().finite(),
  block: z.number().int().nonnegative().max(10_000, { message: "memory.ledger[].block is above 10000, more blocks than a state may hold. Fix: send the ledger a compaction wrote, or none." }),
  /** Earlier versions this entry superseded, oldest first: the history is kept, never shown as current. */
  replaces: z.array(z.string()).default([]),
});
export type LedgerEntry = z.output<typeof ledgerEntrySchema>;
