import { z } from "zod";
import { SwitchyardError } from "../../errors.ts";
import type { A2aRunLink } from "./server-state.ts";

const taskJson = z.record(z.string(), z.unknown());
// open_turn is stored as 0 / 1 on both databases; a link without it is a closed turn.
const linkRow = z
  .object({ run_id: z.string(), thread_id: z.string(), context_id: z.string(), graph_id: z.string(), open_turn: z.coerce.number().int().min(0).max(1).optional() })
  .transform(({ open_turn, ...link }) => ({ ...link, ...(open_turn === 1 ? { open_turn: true } : {}) }));

/** A stored task's JSON text, parsed: rows read back from disk are a trust edge. */
export function parseTaskJson(text: string, table: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SwitchyardError("checkpoint_invalid", `a row of ${table} holds text that is not JSON. Fix: delete the row; the task cannot be read back.`, { cause: error });
  }
  const checked = taskJson.safeParse(parsed);
  if (!checked.success) throw new SwitchyardError("checkpoint_invalid", `a row of ${table} holds JSON that is not an object. Fix: delete the row; the task cannot be read back.`);
  return checked.data;
}

/** A run link row, checked. */
export function parseLinkRow(row: unknown): A2aRunLink {
  return linkRow.parse(row);
}
