import { z } from "zod";

/** Verification (src/verification): policy proofs, the runtime monitor, PII and copyright checks. Off by default. */
export const verificationConfigSchema = z.strictObject({
  enabled: z.boolean().default(false),
  /** A policy YAML file (see policies/support.yaml). */
  policy: z.string().min(1).optional(),
  pii: z
    .strictObject({
      strategy: z.enum(["block", "redact", "mask", "hash"]).default("redact"),
      kinds: z.array(z.enum(["email", "phone", "payment_card", "iban", "national_id", "ip_address", "secret"])).optional(),
      /** Environment variable holding the salt for the hash strategy. */
      salt_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    })
    .default({ strategy: "redact" }),
  copyright: z
    .strictObject({
      /** Files of protected text. */
      corpus: z.array(z.string().min(1)).default([]),
      /** Words per shingle; 4 keeps a passage with every 7th word replaced detectable. */
      n: z.number().int().min(3).default(4),
      /** Share of shingles in the densest window shared with one protected document. */
      threshold: z.number().gt(0).max(1).default(0.3),
    })
    .optional(),
  risk: z
    .strictObject({
      horizon: z.number().int().positive().default(3),
      threshold: z.number().gt(0).max(1).default(0.5),
      on_exceed: z.enum(["block", "approve"]).default("approve"),
      /** What a (state, action) pair the MDP never observed gets: never risk 0. */
      on_unseen: z.enum(["block", "approve", "allow"]).default("approve"),
    })
    .optional(),
  /**
   * Texts from 8 KiB are verified on worker threads so the event loop keeps answering. A text whose worker
   * takes longer than `timeout_ms` is refused (`verification_unavailable`), never passed unchecked.
   */
  workers: z
    .strictObject({
      timeout_ms: z.number().int().min(100).max(600_000).default(20_000),
    })
    .optional(),
});
export type VerificationConfig = z.output<typeof verificationConfigSchema>;

