import { z } from "zod";
import type { ThreadLease } from "./thread-leases.ts";

/**
 * A lease row as both stores keep it. Rows come back from a database another process (or a hand edit) may
 * have written, so they are parsed; times are coerced because Postgres returns BIGINT columns as strings.
 */
export const leaseRowSchema = z.object({
  thread_id: z.string(),
  instance_id: z.string(),
  run_id: z.string(),
  acquired_at: z.coerce.number(),
  heartbeat_at: z.coerce.number(),
  expires_at: z.coerce.number(),
});

/** A parsed lease row as the `ThreadLeases` interface hands it out. */
export function leaseFromRow(value: z.infer<typeof leaseRowSchema>): ThreadLease {
  return { threadId: value.thread_id, instanceId: value.instance_id, runId: value.run_id, acquiredAt: value.acquired_at, heartbeatAt: value.heartbeat_at, expiresAt: value.expires_at };
}
