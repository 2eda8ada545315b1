import { afterVerdict, valuesAfterVerdict } from "../../graphs/checked-updates.ts";

/** Which node writes the model's answer to state, and which node's update is the verdict on it. */
export interface AnswerGateNodes {
  answer: string;
  verdict: string;
}

type Tuple = [string[], string, unknown];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Holds the state a run streams between the step that wrote the model's answer and the verdict on it
 * (`updates`, `values`, `debug`, and the answer subgraph's own chunks), then releases it with the checked
 * answer in place. Needs the graph's `updates` stream to see the two nodes, whatever the client asked for.
 *
 * @example
 * const gate = new AnswerGate({ answer: "router", verdict: "verify_output" });
 * for (const tuple of gate.pass(namespace, mode, chunk)) yield* translator.translate(...tuple);
 */
export class AnswerGate {
  readonly #nodes: AnswerGateNodes;
  #held: Tuple[] | undefined;

  constructor(nodes: AnswerGateNodes) {
    this.#nodes = nodes;
  }

  *pass(namespace: string[], mode: string, chunk: unknown): Generator<Tuple> {
    const gated = mode === "updates" || mode === "values" || mode === "debug";
    const inAnswer = namespace.length > 0 && namespace[0]?.split(":")[0] === this.#nodes.answer;
    if (gated && inAnswer) return; // the answer subgraph's inner state carries the unchecked answer: never sent
    if (mode === "updates" && namespace.length === 0 && isRecord(chunk)) {
      const answer = chunk[this.#nodes.answer];
      if (isRecord(answer) && answer.status === "succeeded" && this.#held === undefined) {
        this.#held = [[namespace, mode, chunk]];
        return;
      }
      if (this.#held !== undefined && this.#nodes.verdict in chunk) {
        yield* this.#release(chunk[this.#nodes.verdict]);
        yield [namespace, mode, chunk];
        return;
      }
    }
    if (this.#held !== undefined && gated) {
      this.#held.push([namespace, mode, chunk]);
      return;
    }
    yield [namespace, mode, chunk];
  }

  /** The run ended before a verdict: what was held goes out as if blocked (without the answer). */
  *end(): Generator<Tuple> {
    if (this.#held !== undefined) yield* this.#release({ status: "failed" });
  }

  *#release(verdict: unknown): Generator<Tuple> {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const [namespace, mode, chunk] of held) {
      if (mode === "updates" && isRecord(chunk)) yield [namespace, mode, afterVerdict(chunk, verdict, this.#nodes.answer)];
      else if (mode === "values" && isRecord(chunk)) yield [namespace, mode, valuesAfterVerdict(chunk, verdict)];
      // debug chunks carry whole task results: dropped rather than rewritten.
    }
  }
}
