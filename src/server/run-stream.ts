import type { StreamModeName } from "./request-schemas.ts";
import type { ServableGraph } from "./served-graph.ts";
import { checkpointOf } from "./thread-state.ts";

/** One server-sent event of a run. */
export interface RunEvent {
  event: string;
  data: unknown;
}

interface MessageLike {
  id?: string;
  concat?: (other: unknown) => unknown;
}

/** The graph's own stream modes needed to serve the modes a client asked for. */
export function libraryModes(modes: readonly StreamModeName[]): string[] {
  const wanted = new Set<string>();
  for (const mode of modes) {
    if (mode === "events") continue;
    if (mode === "messages-tuple") wanted.add("messages");
    else if (mode === "messages") wanted.add("messages").add("values");
    else wanted.add(mode);
  }
  return [...wanted];
}

function debugPayload(chunk: unknown): unknown {
  if (typeof chunk !== "object" || chunk === null || !("type" in chunk) || chunk.type !== "checkpoint" || !("payload" in chunk)) return chunk;
  const payload = chunk.payload as { config?: { configurable?: Record<string, unknown> }; parentConfig?: { configurable?: Record<string, unknown> } };
  return { ...chunk, payload: { ...payload, checkpoint: checkpointOf(payload.config), parent_checkpoint: checkpointOf(payload.parentConfig) } };
}

/**
 * Turns the graph's `[namespace?, mode, chunk]` tuples into the API's events: `messages-tuple` is sent as
 * `messages` tuples; `messages` as `messages/metadata`, `messages/partial` (accumulated) and
 * `messages/complete` (from values), as the official server does.
 */
class Translator {
  readonly #modes: ReadonlySet<StreamModeName>;
  readonly #partial = new Map<string, unknown>();
  readonly #complete = new Set<string>();

  constructor(modes: readonly StreamModeName[]) {
    this.#modes = new Set(modes);
  }

  *translate(mode: string, chunk: unknown, namespace: readonly string[]): Generator<RunEvent> {
    const suffix = namespace.length > 0 ? `|${namespace.join("|")}` : "";
    if (mode === "messages") {
      if (this.#modes.has("messages-tuple")) yield { event: `messages${suffix}`, data: chunk };
      if (this.#modes.has("messages")) yield* this.#partialMessage(chunk);
      return;
    }
    if (mode === "values" && this.#modes.has("messages")) yield* this.#completeMessages(chunk);
    if (!this.#modes.has(mode as StreamModeName)) return;
    yield { event: `${mode}${suffix}`, data: mode === "debug" ? debugPayload(chunk) : chunk };
  }

  *#partialMessage(chunk: unknown): Generator<RunEvent> {
    if (!Array.isArray(chunk)) return;
    const [message, metadata] = chunk as [MessageLike, unknown];
    if (typeof message?.id !== "string") return;
    const seen = this.#partial.get(message.id) as MessageLike | undefined;
    if (seen === undefined) {
      this.#partial.set(message.id, message);
      yield { event: "messages/metadata", data: { [message.id]: { metadata } } };
    } else {
      this.#partial.set(message.id, typeof seen.concat === "function" ? seen.concat(message) : message);
    }
    yield { event: "messages/partial", data: [this.#partial.get(message.id)] };
  }

  *#completeMessages(chunk: unknown): Generator<RunEvent> {
    if (typeof chunk !== "object" || chunk === null || !("messages" in chunk) || !Array.isArray(chunk.messages)) return;
    const fresh = (chunk.messages as MessageLike[]).filter((message) => typeof message.id === "string" && !this.#complete.has(message.id));
    for (const message of fresh) this.#complete.add(message.id as string);
    if (fresh.length > 0) yield { event: "messages/complete", data: fresh };
  }
}

/** `[mode, chunk]` or, with subgraphs, `[namespace, mode, chunk]`. */
function splitChunk(raw: unknown): [string[], string, unknown] {
  const tuple = raw as unknown[];
  if (tuple.length === 3) return [tuple[0] as string[], tuple[1] as string, tuple[2]];
  return [[], tuple[0] as string, tuple[1]];
}

export interface StreamRunOptions {
  modes: readonly StreamModeName[];
  subgraphs: boolean;
  runId: string;
  /** Graph call options: configurable, context, signal, interrupts, recursion limit. */
  graphOptions: Record<string, unknown>;
}

/**
 * Streams one run as API events. Without `events` it uses `graph.stream` (cheapest); with `events` it uses
 * `streamEvents` v2 and forwards every callback event, picking the root run's stream chunks for the rest.
 */
export async function* streamRun(graph: ServableGraph, input: unknown, options: StreamRunOptions): AsyncGenerator<RunEvent> {
  const translator = new Translator(options.modes);
  const streamMode = libraryModes(options.modes);
  if (!options.modes.includes("events")) {
    const stream = await graph.stream(input, { ...options.graphOptions, streamMode, subgraphs: options.subgraphs });
    for await (const raw of stream) {
      const [namespace, mode, chunk] = splitChunk(raw);
      yield* translator.translate(mode, chunk, namespace);
    }
    return;
  }
  const events = graph.streamEvents(input, { ...options.graphOptions, version: "v2", streamMode, subgraphs: options.subgraphs, runId: options.runId });
  for await (const event of events) {
    if (event.event === "on_chain_stream" && event.run_id === options.runId) {
      const [namespace, mode, chunk] = splitChunk(event.data.chunk);
      yield* translator.translate(mode, chunk, namespace);
    } else {
      yield { event: "events", data: event };
    }
  }
}
