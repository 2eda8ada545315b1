import { z } from "zod";

/**
 * Shapes of rows read back from disk. Rows are a trust edge: another process, an older build or a damaged
 * file may have written them, so they are parsed before use.
 */
const bytes = z.instanceof(Uint8Array);
/** A serialized value: JSON is read back as text (see saver-sql.ts), other serde types as bytes. */
const serialized = z.union([bytes, z.string()]);
const version = z.union([z.number(), z.string()]);

export const checkpointRowSchema = z.object({
  thread_id: z.string(),
  checkpoint_ns: z.string(),
  checkpoint_id: z.string(),
  parent_checkpoint_id: z.string().nullable(),
  checkpoint_type: z.string(),
  checkpoint: serialized,
  metadata_type: z.string(),
  metadata: serialized,
  /** Format 2: small channel values kept in the row (see saver-put.ts); NULL when there are none. */
  inline_values: serialized.nullable(),
  /** `PRAGMA data_version` read with the row (saver-sql.ts), for the read cache; absent in other queries. */
  data_version: z.number().optional(),
});
export type CheckpointRow = z.infer<typeof checkpointRowSchema>;

export const blobRowSchema = z.object({ channel: z.string(), value_type: z.string(), value: bytes });
export type BlobRow = z.infer<typeof blobRowSchema>;

export const writeRowSchema = z.object({
  task_id: z.string(),
  channel: z.string(),
  idx: z.number().int(),
  task_path: z.string(),
  value_type: z.string(),
  value: bytes,
});
export type WriteRow = z.infer<typeof writeRowSchema>;

/** The checkpoint as stored: everything but channel_values, which live in sy_blobs or inline_values. */
export const storedCheckpointSchema = z.looseObject({
  v: z.number(),
  id: z.string(),
  ts: z.string(),
  channel_versions: z.record(z.string(), version),
  versions_seen: z.record(z.string(), z.record(z.string(), version)),
});

export const metadataSchema = z.looseObject({});

export const storeRowSchema = z.object({
  namespace: z.string(),
  key: z.string(),
  value: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
  ttl_ms: z.number().nullable(),
  expires_at: z.number().nullable(),
});
export type StoreRow = z.infer<typeof storeRowSchema>;

/** The first problem zod found, as "field: message", for error messages. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid";
  return `${issue.path.length > 0 ? issue.path.join(".") : "row"}: ${issue.message}`;
}
