/**
 * The gateway's `updates` stream with the answer held until it is checked: call_model's and check_output's
 * updates carry the model's answer before `verify_output` has looked at it, so with verification on they
 * (and what follows them) wait for the verdict and go out with the checked answer (redacted), or without it
 * (blocked).
 */

type Update = Record<string, unknown>;

const isRecord = (value: unknown): value is Update => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The nodes whose updates carry the model's answer before verify_output checked it: the gateway's router
 * steps, inlined (call_model, check_output), and `router` for a graph that nests the router subgraph.
 */
export const ANSWER_NODES: readonly string[] = ["call_model", "check_output", "router"];

/** Whether a node's update (or task result) carries the model's answer: a successful one, or one with output. */
export const carriesAnswer = (update: unknown): boolean => isRecord(update) && (update.status === "succeeded" || "output" in update);

/** `afterVerdict` for every answer node in a held update. */
export function afterVerdictOf(held: Update, verdict: unknown, answerNodes: readonly string[]): Update {
  let released = held;
  for (const node of answerNodes) if (node in released) released = afterVerdict(released, verdict, node);
  return released;
}

/** An answer node's update as released after the verdict: the checked answer in place of the model's. */
export function afterVerdict(held: Update, verdict: unknown, answerNode = "router"): Update {
  const answer = held[answerNode];
  if (!isRecord(answer) || !isRecord(verdict)) return held;
  const { output: _unchecked, messages: _answer, ...rest } = answer;
  if (verdict.status === "failed") return { ...held, [answerNode]: rest };
  // Only what the node wrote is replaced: call_model's update has the raw output and no answer message yet.
  const output = "output" in verdict && "output" in answer ? { output: verdict.output } : {};
  const messages = "messages" in verdict && "messages" in answer ? { messages: verdict.messages } : {};
  return { ...held, [answerNode]: { ...answer, ...output, ...messages } };
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
 * Yields every update of `source`; from the first update that carries the model's answer (an answer node's,
 * see ANSWER_NODES) every update is held until `verify_output`'s, then released with the checked answer in it.
 *
 * @example
 * for await (const update of checkedUpdates(graph.stream(input, { streamMode: "updates" }))) send(update);
 */
export async function* checkedUpdates(source: AsyncIterable<Update>, answerNodes: readonly string[] = ANSWER_NODES): AsyncGenerator<Update> {
  let held: Update[] | undefined;
  for await (const update of source) {
    if (held === undefined && answerNodes.some((node) => carriesAnswer(update[node]))) held = [];
    if (held !== undefined && "verify_output" in update) {
      for (const waiting of held) yield afterVerdictOf(waiting, update.verify_output, answerNodes);
      held = undefined;
    } else if (held !== undefined) {
      held.push(update);
      continue;
    }
    yield update;
  }
  // Verification never answered (the run stopped): the unchecked answer is not released.
  if (held !== undefined) for (const waiting of held) yield afterVerdictOf(waiting, { status: "failed" }, answerNodes);
}

/** The top-level node of a checkpoint namespace: `router` for `router:<id>|select:<id>`. */
const topNode = (namespace: unknown) => (typeof namespace === "string" ? namespace.split("|")[0]?.split(":")[0] : undefined);

/** Which nodes write the answer, which node's end is the verdict on it, and whether model tokens were already checked. */
export interface CheckedEventsOptions {
  /** The node (a nested subgraph's, with everything inside it) or nodes whose events carry the unchecked answer. */
  answer: string | readonly string[];
  verdict: string;
  /** True when the caller runs the output checks on `on_chat_model_stream` chunks itself (the server does). */
  tokensChecked?: boolean;
}

/**
 * `streamEvents` callback events with the unchecked answer kept out. From an answer node's first event until
 * the verdict node's end, node events lose their `data`: inputs, outputs and stream chunks hold the answer
 * before it was checked (and a retry prompt the previous answer). The verdict's end event keeps its output
 * (the checked answer) and loses its input; the graph's own start (the caller's input) passes, and so does its
 * end (the final, checked state) once a verdict was given.
 *
 * @example
 * const checked = new CheckedEvents({ answer: ["call_model", "check_output"], verdict: "verify_output" });
 * for await (const event of graph.streamEvents(input, { version: "v2" })) send(checked.event(event));
 */
export class CheckedEvents {
  readonly #options: CheckedEventsOptions;
  readonly #answers: ReadonlySet<string>;
  #window: "before" | "unchecked" | "checked" = "before";

  constructor(options: CheckedEventsOptions) {
    this.#options = options;
    this.#answers = new Set(typeof options.answer === "string" ? [options.answer] : options.answer);
  }

  /** The event as a client may see it. */
  event(event: unknown): unknown {
    if (!isRecord(event)) return event;
    const metadata = isRecord(event.metadata) ? event.metadata : {};
    const node = typeof metadata.langgraph_node === "string" ? metadata.langgraph_node : undefined;
    const top = topNode(metadata.checkpoint_ns);
    const { verdict } = this.#options;
    if (this.#window === "before" && node !== undefined && top !== undefined && this.#answers.has(top)) this.#window = "unchecked";
    if (this.#window !== "unchecked") return event;
    if (event.event === "on_chat_model_stream" && this.#options.tokensChecked === true) return event;
    if (node === undefined && event.event === "on_chain_start") return event;
    if (top === verdict && node === verdict && event.name === verdict && event.event === "on_chain_end") {
      this.#window = "checked";
      return { ...event, data: isRecord(event.data) && "output" in event.data ? { output: event.data.output } : {} };
    }
    return { ...event, data: {} };
  }
}
