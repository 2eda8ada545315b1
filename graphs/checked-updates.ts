/**
 * The gateway's `updates` stream with the answer held until it is checked: the router's update carries the
 * model's answer before `verify_output` has looked at it, so with verification on that update waits for
 * the verdict and goes out with the checked answer (redacted), or without it (blocked).
 */

type Update = Record<string, unknown>;

const isRecord = (value: unknown): value is Update => typeof value === "object" && value !== null && !Array.isArray(value);

/** The router's update as released after the verdict: the checked answer in place of the model's. */
export function afterVerdict(held: Update, verdict: unknown, answerNode = "router"): Update {
  const answer = held[answerNode];
  if (!isRecord(answer) || !isRecord(verdict)) return held;
  const { output: _unchecked, messages: _answer, ...rest } = answer;
  if (verdict.status === "failed") return { ...held, [answerNode]: rest };
  return { ...held, [answerNode]: { ...answer, ...("output" in verdict ? { output: verdict.output } : {}), ...("messages" in verdict ? { messages: verdict.messages } : {}) } };
}

const idOf = (message: unknown) => (isRecord(message) && typeof message.id === "string" ? message.id : isRecord(message) && isRecord(message.kwargs) && typeof message.kwargs.id === "string" ? message.kwargs.id : undefined);

/**
 * Whole state (`values`) held from the router's step, released after the verdict: with the checked output and
 * the rewritten answer message in place (redacted), without the answer (blocked), or as it was (passed).
 */
export function valuesAfterVerdict(held: Update, verdict: unknown): Update {
  if (!isRecord(verdict)) return held;
  const messages = Array.isArray(held.messages) ? held.messages : [];
  if (verdict.status === "failed") {
    const { output: _unchecked, ...rest } = held;
    return { ...rest, ...verdict, messages: messages.slice(0, -1) };
  }
  const rewritten = Array.isArray(verdict.messages) ? verdict.messages : [];
  const replaced = messages.map((message) => rewritten.find((candidate) => idOf(candidate) !== undefined && idOf(candidate) === idOf(message)) ?? message);
  return { ...held, ...("output" in verdict ? { output: verdict.output } : {}), messages: replaced };
}

/**
 * Yields every update of `source`; a successful router update is held until `verify_output`'s update and
 * then released with the checked answer in it.
 *
 * @example
 * for await (const update of checkedUpdates(graph.stream(input, { streamMode: "updates" }))) send(update);
 */
export async function* checkedUpdates(source: AsyncIterable<Update>): AsyncGenerator<Update> {
  let held: Update | undefined;
  for await (const update of source) {
    const router = update.router;
    if (isRecord(router) && router.status === "succeeded") {
      held = update;
      continue;
    }
    if (held !== undefined && "verify_output" in update) {
      yield afterVerdict(held, update.verify_output);
      held = undefined;
    }
    yield update;
  }
  // Verification never answered (the run stopped): the unchecked answer is not released.
  if (held !== undefined) yield afterVerdict(held, { status: "failed" });
}
