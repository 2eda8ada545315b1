import { AIMessageChunk } from "@langchain/core/messages";
import { afterVerdict, afterVerdictOf, carriesAnswer, CheckedEvents, valuesAfterVerdict } from "../../graphs/checked-updates.ts";

/** Which node or nodes write the model's answer to state, and which node's update is the verdict on it. */
export interface AnswerGateNodes {
  /** A nested subgraph's node (its inner chunks never go out), or the graph's own nodes that write the answer. */
  answer: string | readonly string[];
  verdict: string;
}

type Tuple = [string[], string, unknown];
type Chunk = Record<string, unknown>;
const isRecord = (value: unknown): value is Chunk => typeof value === "object" && value !== null && !Array.isArray(value);

/** Stream modes whose chunks carry graph state (and so the answer); `messages` go through the token checks instead. */
const stateModes = new Set(["updates", "values", "debug", "tasks", "checkpoints", "custom"]);

const topNode = (namespace: string | undefined) => namespace?.split("|")[0]?.split(":")[0];

/**
 * Holds the state a run streams between the step that wrote the model's answer and the verdict on it
 * (`updates`, `values`, `tasks`, `checkpoints`, `debug`, `custom`, and every chunk of the answer subgraph
 * itself), then releases it with the checked answer in place. Needs the graph's `updates` stream to see the
 * two nodes, whatever the client asked for. In `events` mode, `event()` strips the callback events that carry
 * the answer before it was checked (`CheckedEvents`).
 *
 * @example
 * const gate = new AnswerGate({ answer: ["call_model", "check_output"], verdict: "verify_output" });
 * for (const tuple of gate.pass(namespace, mode, chunk)) yield* translator.translate(...tuple);
 */
export class AnswerGate {
  readonly #nodes: AnswerGateNodes;
  readonly #answers: readonly string[];
  #held: Tuple[] | undefined;
  readonly #events: CheckedEvents;

  constructor(nodes: AnswerGateNodes) {
    this.#nodes = nodes;
    this.#answers = typeof nodes.answer === "string" ? [nodes.answer] : nodes.answer;
    // run-stream runs the token checks on model stream events whenever a gate is set (create-server sets both).
    this.#events = new CheckedEvents({ ...nodes, tokensChecked: true });
  }

  *pass(namespace: string[], mode: string, chunk: unknown): Generator<Tuple> {
    const gated = stateModes.has(mode);
    const top = namespace.length > 0 ? topNode(namespace[0]) : undefined;
    const inAnswer = top !== undefined && this.#answers.includes(top);
    if (gated && inAnswer) return; // the answer subgraph's inner state carries the unchecked answer: never sent
    if (mode === "messages" && this.#writtenAnswer(chunk)) return;
    if (namespace.length === 0 && isRecord(chunk) && this.#held === undefined && this.#answered(mode, chunk)) {
      this.#held = [[namespace, mode, chunk]];
      return;
    }
    if (mode === "updates" && namespace.length === 0 && isRecord(chunk) && this.#held !== undefined && this.#nodes.verdict in chunk) {
      yield* this.#release(chunk[this.#nodes.verdict]);
      yield [namespace, mode, chunk];
      return;
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

  /** One `streamEvents` callback event as a client may see it (see `CheckedEvents`). */
  event(event: unknown): unknown {
    return this.#events.event(event);
  }

  /**
   * An answer node's message as it wrote it to state (LangGraph streams a node's new messages when it ends):
   * the checked tokens already carried that answer, and nested, this message stayed inside the subgraph.
   */
  #writtenAnswer(chunk: unknown): boolean {
    if (!Array.isArray(chunk)) return false;
    const [message, metadata] = chunk as [unknown, unknown];
    const node = isRecord(metadata) ? metadata.langgraph_node : undefined;
    return typeof node === "string" && this.#answers.includes(node) && !AIMessageChunk.isInstance(message);
  }

  /** A root chunk that carries the model's answer: an answer node's update or task result, successful or with output. */
  #answered(mode: string, chunk: Chunk): boolean {
    if (mode === "updates") return this.#answers.some((node) => carriesAnswer(chunk[node]));
    return mode === "tasks" && typeof chunk.name === "string" && this.#answers.includes(chunk.name) && carriesAnswer(chunk.result);
  }

  *#release(verdict: unknown): Generator<Tuple> {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const [namespace, mode, chunk] of held) {
      const released = isRecord(chunk) ? this.#checked(mode, chunk, verdict) : undefined;
      if (released !== undefined) yield [namespace, mode, released];
    }
  }

  /** A held chunk with the checked answer in place; debug and custom chunks are dropped rather than rewritten. */
  #checked(mode: string, chunk: Chunk, verdict: unknown): Chunk | undefined {
    if (mode === "updates") return afterVerdictOf(chunk, verdict, this.#answers);
    if (mode === "values") return valuesAfterVerdict(chunk, verdict);
    if (mode === "tasks") {
      const name = typeof chunk.name === "string" && this.#answers.includes(chunk.name) ? chunk.name : undefined;
      const result = "result" in chunk && name !== undefined ? { result: afterVerdict({ [name]: chunk.result }, verdict, name)[name] } : {};
      const input = isRecord(chunk.input) ? { input: valuesAfterVerdict(chunk.input, verdict) } : {};
      return { ...chunk, ...result, ...input };
    }
    if (mode === "checkpoints") {
      const tasks = Array.isArray(chunk.tasks) ? chunk.tasks.map((task: unknown) => (isRecord(task) ? withoutResult(task) : task)) : chunk.tasks;
      return { ...chunk, ...(isRecord(chunk.values) ? { values: valuesAfterVerdict(chunk.values, verdict) } : {}), tasks };
    }
    return undefined;
  }
}

function withoutResult(task: Chunk): Chunk {
  const { result: _result, state: _state, ...rest } = task;
  return rest;
}
