import { z } from "zod";
import { urlField } from "./url-field.ts";

/** Crons (POST /runs/crons): how often due firings are looked for, how many start per poll, how many may exist. */
export const cronsConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  poll_ms: z.number().int().min(10).default(1_000),
  batch: z.number().int().positive().default(50),
  max_crons: z.number().int().positive().default(1_000),
});

/**
 * Time to live. thread: threads not updated for default_minutes are deleted, or pruned to their latest
 * checkpoint (keep_latest); a thread created with its own `ttl` uses that. store: items expire
 * default_minutes after their last write (or read, with refresh_on_read). The sweeper runs every sweep_ms.
 */
export const ttlConfigSchema = z.strictObject({
  thread: z.strictObject({ default_minutes: z.number().positive().optional(), strategy: z.enum(["delete", "keep_latest"]).default("delete") }).optional(),
  store: z.strictObject({ default_minutes: z.number().positive().optional(), refresh_on_read: z.boolean().default(true) }).optional(),
  sweep_ms: z.number().int().min(10).default(60_000),
  /** Threads handled per batch; the sweeper yields to requests between batches. */
  batch: z.number().int().positive().default(50),
});
export type TtlConfig = z.output<typeof ttlConfigSchema>;

/**
 * The run bus (`server.run_bus:` in switchyard.yaml; src/server/bus/): no URL keeps the one-process bus;
 * a redis:// URL shares runs with every replica using the same `key_prefix`.
 */
export const runBusSettingsSchema = z.strictObject({
  url: urlField(["redis", "rediss"], { example: "redis://127.0.0.1:6379" }).optional(),
  /** One per deployment: two deployments on one Redis with different prefixes never see each other's runs. */
  key_prefix: z.string().regex(/^[A-Za-z0-9_:.-]{1,120}$/, "letters, digits, _ : . - only (1 to 120), e.g. switchyard:prod").default("switchyard:bus"),
  max_events_per_run: z.number().int().positive().default(10_000),
  retention_seconds: z.number().int().positive().default(600),
});

export type RunBusSettings = z.infer<typeof runBusSettingsSchema>;

/** The MCP endpoint at /mcp (streamable HTTP): every served graph a tool, behind the same API keys. */
export const mcpConfigSchema = z.strictObject({ enabled: z.boolean().default(true) });

/** `switchyard serve`: where it listens, which browser origins may call it, and optional API keys. */
export const serverSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(2024),
  host: z.string().min(1).default("127.0.0.1"),
  /** Origins allowed by CORS; "localhost" allows any http(s)://localhost or 127.0.0.1 port. */
  cors_origins: z.array(z.string().min(1)).default(["https://smith.langchain.com", "localhost"]),
  /** Largest request body accepted, in bytes; larger ones get 413 before they are read whole. */
  max_body_bytes: z.number().int().positive().default(1_048_576),
  /** On SIGTERM, how long runs in flight may take to stop before the process exits anyway. */
  shutdown_grace_ms: z.number().int().nonnegative().default(1_000),
  auth: z
    .strictObject({
      /** Name of the environment variable holding comma-separated API keys (never the keys themselves). */
      api_keys_env: z.string().min(1),
    })
    .optional(),
  /**
   * What a starting server does with runs whose owner died (kill -9, crash): "resume" (default) continues each
   * from its thread's last checkpoint; "error" marks it error with the reason. Either way a run whose thread
   * already finished is marked success.
   */
  recovery: z.enum(["resume", "error"]).optional(),
  crons: cronsConfigSchema.optional(),
  ttl: ttlConfigSchema.optional(),
  mcp: mcpConfigSchema.optional(),
  /** Replicas' shared run events and cancels; give every replica the same url and key_prefix (docs/scale-out.md). */
  run_bus: runBusSettingsSchema.optional(),
  /**
   * With `storage: postgres://…`: the Postgres schema of the server's own tables (threads, runs, crons,
   * assistants, A2A tasks, TTLs, virtual keys); default "public". Replicas given the same one are one server.
   */
  storage_schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lower-case Postgres identifier: a letter or _, then letters, digits or _ (at most 63), e.g. switchyard_prod")
    .optional(),
});
export type ServerConfig = z.output<typeof serverSchema>;

