import { z } from "zod";

/** Bodies of the LangGraph API subset, as the official SDK sends them (snake_case, undefined fields dropped). */

const record = z.record(z.string(), z.unknown());
/** Field names to keep, any strings as the official server takes them (Studio asks for fields a server may not have). */
const selectFields = z.array(z.string().max(64)).max(64).nullish();
export const streamModeNames = ["values", "updates", "messages", "messages-tuple", "events", "debug", "custom", "tasks", "checkpoints"] as const;
export type StreamModeName = (typeof streamModeNames)[number];

const checkpointSchema = z.looseObject({
  thread_id: z.string().optional(),
  checkpoint_ns: z.string().optional(),
  checkpoint_id: z.string().optional(),
  checkpoint_map: record.nullish(),
});

const configSchema = z.looseObject({
  tags: z.array(z.string()).optional(),
  recursion_limit: z.number().int().positive().optional(),
  configurable: record.optional(),
});

const interruptNodes = z.union([z.literal("*"), z.array(z.string())]);

export const runCreateSchema = z
  .looseObject({
    assistant_id: z.string().min(1, "assistant_id must name a graph or an assistant"),
    input: z.unknown().optional(),
    command: z
      .looseObject({
        resume: z.unknown().optional(),
        update: z.unknown().optional(),
        goto: z.unknown().optional(),
      })
      .nullish(),
    config: configSchema.nullish(),
    context: record.nullish(),
    metadata: record.nullish(),
    stream_mode: z.union([z.enum(streamModeNames), z.array(z.enum(streamModeNames))]).nullish(),
    stream_subgraphs: z.boolean().nullish(),
    stream_resumable: z.boolean().nullish(),
    interrupt_before: interruptNodes.nullish(),
    interrupt_after: interruptNodes.nullish(),
    checkpoint: checkpointSchema.nullish(),
    checkpoint_id: z.string().nullish(),
    multitask_strategy: z.enum(["reject", "interrupt", "rollback", "enqueue"]).nullish(),
    on_completion: z.enum(["delete", "keep"]).nullish(),
    on_disconnect: z.enum(["cancel", "continue"]).nullish(),
    if_not_exists: z.enum(["create", "reject"]).nullish(),
    after_seconds: z.number().nonnegative().nullish(),
    durability: z.enum(["sync", "async", "exit"]).nullish(),
  })
  .refine((body) => !(body.input != null && body.command != null), { message: "send input or command, not both", path: ["command"] });
export type RunCreateBody = z.output<typeof runCreateSchema>;

export const threadCreateSchema = z.looseObject({
  thread_id: z.uuid("thread_id must be a UUID").nullish(),
  metadata: record.nullish(),
  if_exists: z.enum(["raise", "do_nothing"]).nullish(),
  supersteps: z.array(z.unknown()).nullish(),
});

export const threadPatchSchema = z.looseObject({ metadata: record.nullish() });

export const threadSearchSchema = z.looseObject({
  metadata: record.nullish(),
  values: record.nullish(),
  ids: z.array(z.string()).nullish(),
  status: z.enum(["idle", "busy", "interrupted", "error"]).nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
  sort_by: z.enum(["thread_id", "status", "created_at", "updated_at"]).nullish(),
  sort_order: z.enum(["asc", "desc"]).nullish(),
  select: selectFields,
});

export const stateUpdateSchema = z.looseObject({
  // Checked in state-update.ts, which names the shape a graph takes.
  values: z.unknown().optional(),
  as_node: z.string().nullish(),
  checkpoint: checkpointSchema.nullish(),
  checkpoint_id: z.string().nullish(),
});

export const stateAtCheckpointSchema = z.looseObject({
  checkpoint: checkpointSchema,
  subgraphs: z.boolean().nullish(),
});

export const historySchema = z.looseObject({
  limit: z.number().int().min(1).max(1000).nullish(),
  before: z.union([z.string(), z.looseObject({ configurable: checkpointSchema }), checkpointSchema]).nullish(),
  metadata: record.nullish(),
  checkpoint: checkpointSchema.nullish(),
});

const sortOrder = z.enum(["asc", "desc"]).nullish();

export const assistantSearchSchema = z.looseObject({
  graph_id: z.string().nullish(),
  name: z.string().nullish(),
  metadata: record.nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
  sort_by: z.enum(["assistant_id", "graph_id", "name", "created_at", "updated_at"]).nullish(),
  sort_order: sortOrder,
  select: selectFields,
});

export const assistantCreateSchema = z.looseObject({
  graph_id: z.string().min(1, "graph_id must name a served graph"),
  assistant_id: z.uuid("assistant_id must be a UUID").nullish(),
  config: configSchema.nullish(),
  context: record.nullish(),
  metadata: record.nullish(),
  if_exists: z.enum(["raise", "do_nothing"]).nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
});

export const assistantPatchSchema = z.looseObject({
  graph_id: z.string().min(1).nullish(),
  config: configSchema.nullish(),
  context: record.nullish(),
  metadata: record.nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
});

export const assistantVersionsSchema = z.looseObject({
  metadata: record.nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
});

export const assistantLatestSchema = z.looseObject({ version: z.number().int().min(1) });

const namespaceLabel = z
  .string()
  .min(1, "namespace labels must not be empty")
  .refine((label) => !label.includes("."), { message: "namespace labels must not contain '.'" });
const namespace = z.array(namespaceLabel);

export const storePutSchema = z.looseObject({
  namespace: namespace.min(1, "namespace must have at least one label"),
  key: z.string().min(1, "key must not be empty"),
  value: record,
  index: z.unknown().optional(),
  ttl: z.number().positive().nullish(),
});

export const storeDeleteSchema = z.looseObject({
  namespace: namespace,
  key: z.string().min(1, "key must not be empty"),
});

export const storeSearchSchema = z.looseObject({
  namespace_prefix: namespace,
  filter: record.nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
  query: z.string().nullish(),
  refresh_ttl: z.boolean().nullish(),
});

export const storeNamespacesSchema = z.looseObject({
  prefix: namespace.nullish(),
  suffix: namespace.nullish(),
  max_depth: z.number().int().positive().nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
  offset: z.number().int().min(0).nullish(),
});

/** `client.runs.cancelMany`: runs by id (of one thread, if named), or every run of a status (of one thread, if named). */
export const runCancelManySchema = z
  .looseObject({
    thread_id: z.string().min(1).max(200).nullish(),
    run_ids: z.array(z.string().min(1).max(200)).min(1, "run_ids must name at least one run").max(1000).nullish(),
    status: z.enum(["pending", "running", "all"]).nullish(),
  })
  .refine((body) => (body.run_ids == null) !== (body.status == null), { message: "send run_ids or status (one of the two)", path: ["run_ids"] });

/** `client.threads.prune`: delete threads, or keep only their latest checkpoint. */
export const threadPruneSchema = z.looseObject({
  thread_ids: z.array(z.string().min(1).max(200)).min(1, "thread_ids must name at least one thread").max(1000),
  strategy: z.enum(["delete", "keep_latest"]).nullish(),
});

/** `client.threads.patchState`: metadata merged into a checkpoint's (the latest unless one is named). */
export const statePatchSchema = z.looseObject({
  metadata: record,
  checkpoint: checkpointSchema.nullish(),
  checkpoint_id: z.string().nullish(),
});
