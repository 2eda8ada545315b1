import { z } from "zod";
import type { AdaptivePolicy } from "./adaptive-policy.ts";
import { FeedbackInvalidError, UnknownRequestError } from "./feedback-errors.ts";
import type { OutputMode } from "./protocol.ts";
import type { RequestLookup, ServedRequests } from "./served-requests.ts";

export { FeedbackInvalidError, UnknownRequestError } from "./feedback-errors.ts";

/** A delayed verdict on an answered request, from app code or `POST /feedback`. Parsed at the trust edge. */
export const feedbackSchema = z
  .strictObject({
    request_id: z.string().min(1).max(200).optional(),
    run_id: z.string().min(1).max(200).optional(),
    thread_id: z.string().min(1).max(200).optional(),
    correct: z.boolean().optional(),
    score: z.number().min(0).max(1).optional(),
  })
  .superRefine((value, context) => {
    const ids = [value.request_id, value.run_id, value.thread_id].filter((id) => id !== undefined).length;
    if (ids !== 1) context.addIssue({ code: "custom", message: `name the request with exactly one of request_id, run_id, thread_id (got ${ids})` });
    const verdicts = [value.correct, value.score].filter((verdict) => verdict !== undefined).length;
    if (verdicts !== 1) context.addIssue({ code: "custom", message: `give exactly one of correct, score (got ${verdicts})` });
  });
export type FeedbackInput = z.input<typeof feedbackSchema>;

/** What recording a verdict did: which (deployment, mode) it was credited to, or that it was a duplicate. */
export interface FeedbackReceipt {
  request_id: string;
  deployment: string;
  mode: OutputMode;
  score: number;
  /** True when this request already had feedback: the verdict was not counted again. */
  duplicate: boolean;
}

/**
 * Records user feedback into the adaptive policy, like TensorZero's feedback API: the caller names a past
 * request, the served-requests ledger says which (deployment, mode) answered it, and the verdict refines that
 * mode's estimate of how many of its valid answers are correct. One verdict per request counts.
 *
 * @example
 * const state = await gateway.invoke({ input }, { threadId: "t1" });
 * await gateway.engine.feedback.record({ request_id: state.output!.request_id!, correct: false });
 */
export class FeedbackService {
  constructor(
    private readonly served: ServedRequests,
    private readonly policy: AdaptivePolicy,
    private readonly now: () => number,
  ) {}

  /** Validates `input` (FeedbackInvalidError), resolves the request (UnknownRequestError) and records the verdict once. */
  async record(input: unknown): Promise<FeedbackReceipt> {
    const parsed = feedbackSchema.safeParse(input);
    if (!parsed.success) throw new FeedbackInvalidError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`));
    const body = parsed.data;
    const [field, value, lookup]: [string, string, RequestLookup] =
      body.request_id !== undefined
        ? ["request_id", body.request_id, { request_id: body.request_id }]
        : body.run_id !== undefined
          ? ["run_id", body.run_id, { run_id: body.run_id }]
          : ["thread_id", body.thread_id ?? "", { thread_id: body.thread_id ?? "" }];
    const entry = await this.served.find(lookup);
    if (entry === undefined) throw new UnknownRequestError(field, value);
    const score = body.score ?? (body.correct ? 1 : 0);
    const first = this.served.markFeedback(entry, this.now());
    if (first) this.policy.recordEvidence({ deployment: entry.deployment, mode: entry.mode, score, weight: 1, source: "feedback" });
    return { request_id: entry.request_id, deployment: entry.deployment, mode: entry.mode, score, duplicate: !first };
  }
}
