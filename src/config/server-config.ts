import { z } from "zod";

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
});
export type ServerConfig = z.output<typeof serverSchema>;

