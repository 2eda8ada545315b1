import { z } from "zod";
import { identifier } from "./fields.ts";
import { DEFAULT_OUTPUT_MODES, OUTPUT_MODES } from "./providers.ts";

/** switchyard.yaml's `output_modes`: the policy, each provider's default mode, exploration, repair and shadow calls. */
export const outputModesSchema = z.strictObject({
  policy: z.enum(["adaptive", "fixed"]).default("adaptive"),
  defaults: z
    .strictObject({
      openai: z.enum(OUTPUT_MODES).default(DEFAULT_OUTPUT_MODES.openai),
      "google-genai": z.enum(OUTPUT_MODES).default(DEFAULT_OUTPUT_MODES["google-genai"]),
      ollama: z.enum(OUTPUT_MODES).default(DEFAULT_OUTPUT_MODES.ollama),
    })
    .default({ ...DEFAULT_OUTPUT_MODES }),
  allowed: z.array(z.enum(OUTPUT_MODES)).min(1).default([...OUTPUT_MODES]),
  /** Upper bound on the share of requests spent exploring a mode that is not the current best. */
  max_exploration: z.number().min(0).max(1).default(0.1),
  /**
   * Opt-in mode clock for the adaptive policy: a mode's evidence ages per call in that mode, and by this
   * factor per call on the deployment (0.9995: ~2,000 calls), so a seldom-served rival keeps its verdicts.
   * Left out, everything ages per call on the deployment (`AdaptivePolicyConfig.idleDiscount`).
   */
  idle_discount: z.number().gt(0).max(1).optional(),
  /**
   * When local repair cannot build the object, one cheap repair call (the broken answer, what was wrong and
   * the schema) routed to a deployment of `group` (default: the request's group). Off unless present.
   */
  repair_call: z.strictObject({ group: identifier.optional() }).optional(),
  /**
   * Shadow agreement: this share of answered requests is also asked, in the background, of another
   * (deployment, mode), and the answers are compared field by field (evidence for the adaptive policy).
   * Off (rate 0) unless set; each shadow call is a real, billed call.
   */
  shadow: z
    .strictObject({
      rate: z.number().min(0).max(1).default(0),
      /** The share while the policy cannot yet tell a deployment's modes apart; default 4 x rate (at most 0.5); equal to rate = fixed. */
      max_rate: z.number().min(0).max(1).optional(),
      max_concurrent: z.number().int().positive().default(2),
      weight: z.number().gt(0).max(1).default(0.5),
      /** On a disagreement, ask a third (deployment, mode) to settle it (one more billed call); default true. */
      arbitrate: z.boolean().default(true),
      /**
       * Opt-in: a shadow whose partner is in router cooldown waits (at most max_queued, none older than
       * max_age_seconds) and runs once the partner serves again; without it the shadow is not made.
       */
      defer: z.strictObject({ max_queued: z.number().int().positive().default(8), max_age_seconds: z.number().positive().default(60) }).optional(),
    })
    .refine((shadow) => shadow.max_rate === undefined || shadow.max_rate >= shadow.rate, {
      message: "output_modes.shadow.max_rate must be at least shadow.rate. Fix: raise max_rate, or leave it out (4 x rate).",
      path: ["max_rate"],
    })
    .optional(),
});

