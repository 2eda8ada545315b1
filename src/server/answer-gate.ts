import { afterVerdict, CheckedEvents, valuesAfterVerdict } from "../../graphs/checked-updates.ts";

/** Which node writes the model's answer to state, and which node's update is the verdict on it. */
export interface AnswerGateNodes {
  answer: string;
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
 * const gate = new AnswerGate({ answer: "router", verdict: "verify_output" });
 * for (const tuple of gate.pass(namespace, mode, chunk)) yield* translator.translate(...tuple);
 */
export class AnswerGate {
  readonly #nodes: AnswerGateNodes;
  #held: Tuple[] | undefined;
  readonly #events: CheckedEvents;

  constructor(nodes: AnswerGateNodes) {
    this.#nodes = nodes;
    // run-stream runs the token checks on model stream events whenever a gate is set (create-server sets both).
    this.#events = new CheckedEvents({ ...nodes, tokensChecked: true });
  }

  *pass(namespace: string[], mode: string, chunk: unknown): Generator<Tuple> {
    const gated = stateModes.has(mode);
    const inAnswer = namespace.length > 0 && topNode(namespace[0]) === this.#nodes.answer;
    if (gated && inAnswer) return; // the answer subgraph's inner state carries the unchecked answer: never sent
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

  /** A root chunk that carries the model's answer: the answer node's successful update or task result. */
  #answered(mode: string, chunk: Chunk): boolean {
    if (mode === "updates") {
      const update = chunk[this.#nodes.answer];
      return isRecord(update) && update.status === "succeeded";
    }
    return mode === "tasks" && chunk.name === this.#nodes.answer && isRecord(chunk.result) && chunk.result.status === "succeeded";
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
    const answer = this.#nodes.answer;
    if (mode === "updates") return afterVerdict(chunk, verdict, answer);
    if (mode === "values") return valuesAfterVerdict(chunk, verdict);
    if (mode === "tasks") {
      const result = "result" in chunk && chunk.name === answer ? { result: afterVerdict({ [answer]: chunk.result }, verdict, answer)[answer] } : {};
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
