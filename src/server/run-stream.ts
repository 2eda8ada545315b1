import type { StreamEvent } from "@langchain/core/tracers/log_stream";
import type { StreamTextCheckerOptions } from "../verification/index.ts";
import { AnswerGate, type AnswerGateNodes } from "./answer-gate.ts";
import { MessageGuard } from "./message-guard.ts";
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
    // Tokens of `messages` come from the model calls' callback events (any depth), its complete messages from values.
    else if (mode === "messages") wanted.add("values");
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
      return;
    }
    if (mode === "values" && this.#modes.has("messages")) yield* this.#completeMessages(chunk);
    if (!this.#modes.has(mode as StreamModeName)) return;
    yield { event: `${mode}${suffix}`, data: mode === "debug" ? debugPayload(chunk) : chunk };
  }

  /**
   * One model token (an `on_chat_model_stream` event, from the graph or any subgraph, as the official server
   * reads them): `messages/metadata` on a message's first chunk, then `messages/partial` with all it has so far.
   */
  *token(event: { data: { chunk?: unknown }; metadata?: unknown; tags?: string[] }): Generator<RunEvent> {
    if (!this.#modes.has("messages") || event.tags?.includes("nostream")) return;
    const message = event.data.chunk as MessageLike | undefined;
    if (typeof message?.id !== "string") return;
    const metadata = event.metadata;
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

/**
 * What a run's own stream showed of its end, so the server needs no state read after it: the last root
 * `values` chunk (the thread's values once the run is over) and whether the run stopped at an interrupt.
 */
export interface RunTap {
  values?: unknown;
  interrupted: boolean;
}

function observe(tap: RunTap, raw: unknown): void {
  const [namespace, mode, chunk] = splitChunk(raw);
  if (mode !== "values" || namespace.length > 0) return;
  if (typeof chunk === "object" && chunk !== null && "__interrupt__" in chunk) tap.interrupted = true;
  else tap.values = chunk;
}

export interface StreamRunOptions {
  modes: readonly StreamModeName[];
  subgraphs: boolean;
  runId: string;
  /** Graph call options: configurable, context, signal, interrupts, recursion limit. */
  graphOptions: Record<string, unknown>;
  /** Output checks on streamed tokens (the served graph's verification); without them tokens pass as they come. */
  outputChecks?: StreamTextCheckerOptions;
  /** Holds streamed state between the answer and the verdict on it (the gateway with verification on). */
  answerGate?: AnswerGateNodes;
  /** Filled as the run streams (the graph's `values` are read for it whatever the client asked for). */
  tap?: RunTap;
}

/**
 * Puts streamed model tokens through the output checks: `messages` chunks carry checked text only (no
 * tool-call fragments), and what a message still holds is released, checked, when a node finishes or the
 * run ends (its model call is over by then).
 */
class TokenChecks {
  readonly #guard: MessageGuard;
  /** `on_chat_model_stream` events, keyed by the model call's run id. */
  readonly #events: MessageGuard;
  readonly #metadata = new Map<string, unknown>();

  constructor(options: StreamTextCheckerOptions) {
    this.#guard = new MessageGuard(options);
    this.#events = new MessageGuard(options);
  }

  *messages(chunk: unknown): Generator<unknown> {
    if (!Array.isArray(chunk)) return;
    const [message, metadata] = chunk as [MessageLike, unknown];
    if (!MessageGuard.applies(message)) {
      yield chunk;
      return;
    }
    if (typeof message?.id === "string") this.#metadata.set(message.id, metadata);
    const checked = this.#guard.chunk(message);
    if (checked !== undefined) yield [checked, metadata];
  }

  *flush(): Generator<unknown> {
    for (const checked of this.#guard.finish()) yield [checked, this.#metadata.get(checked.id ?? "") ?? {}];
  }

  /**
   * Model-call events: a stream event with its chunk checked (none when nothing is released now); at the
   * call's end, what it held as one more stream event, and the end event without the unchecked output.
   */
  *event(event: { event: string; run_id: string; data: { chunk?: unknown; output?: unknown } }): Generator<unknown> {
    if (event.event === "on_chat_model_stream") {
      const checked = this.#events.chunk(event.data.chunk, event.run_id);
      if (checked !== undefined) yield { ...event, data: { ...event.data, chunk: checked } };
      return;
    }
    for (const rest of this.#events.finish(event.run_id)) yield { ...event, event: "on_chat_model_stream", data: { chunk: rest } };
    const { output: _unchecked, ...data } = event.data;
    yield { ...event, data };
  }
}

/** Translates one `[namespace, mode, chunk]`: state through the answer gate, tokens through the checks. */
function* translated(translator: Translator, checks: TokenChecks | undefined, gate: AnswerGate | undefined, raw: unknown): Generator<RunEvent> {
  const [rawNamespace, rawMode, rawChunk] = splitChunk(raw);
  for (const [namespace, mode, chunk] of gate === undefined ? [[rawNamespace, rawMode, rawChunk] as const] : gate.pass(rawNamespace, rawMode, rawChunk)) yield* checkedTokens(translator, checks, namespace, mode, chunk);
}

function* checkedTokens(translator: Translator, checks: TokenChecks | undefined, namespace: readonly string[], mode: string, chunk: unknown): Generator<RunEvent> {
  if (checks === undefined) {
    yield* translator.translate(mode, chunk, namespace);
    return;
  }
  if (mode === "messages") {
    for (const checked of checks.messages(chunk)) yield* translator.translate(mode, checked, namespace);
    return;
  }
  // A node finished: its model calls are over, so what their messages held is released (checked) first.
  for (const checked of checks.flush()) yield* translator.translate("messages", checked, namespace);
  yield* translator.translate(mode, chunk, namespace);
}

/**
 * Streams one run as API events. Without `events` it uses `graph.stream` (cheapest); with `events` it uses
 * `streamEvents` v2 and forwards every callback event, picking the root run's stream chunks for the rest.
 */
export async function* streamRun(graph: ServableGraph, input: unknown, options: StreamRunOptions): AsyncGenerator<RunEvent> {
  const translator = new Translator(options.modes);
  const gate = options.answerGate === undefined ? undefined : new AnswerGate(options.answerGate);
  // The gate reads the graph's `updates` to see the answer and the verdict, even when the client did not ask for them.
  const streamMode = [...new Set([...libraryModes(options.modes), ...(gate === undefined ? [] : ["updates"]), ...(options.tap === undefined ? [] : ["values"])])];
  const tap = options.tap;
  const checks = options.outputChecks === undefined ? undefined : new TokenChecks(options.outputChecks);
  const finish = function* (): Generator<RunEvent> {
    if (gate !== undefined) for (const [namespace, mode, chunk] of gate.end()) yield* translator.translate(mode, chunk, namespace);
    if (checks !== undefined) for (const checked of checks.flush()) yield* translator.translate("messages", checked, []);
  };
  if (!options.modes.includes("events") && !options.modes.includes("messages")) {
    const stream = await graph.stream(input, { ...options.graphOptions, streamMode, subgraphs: options.subgraphs });
    for await (const raw of stream) {
      if (tap !== undefined) observe(tap, raw);
      yield* translated(translator, checks, gate, raw);
    }
    yield* finish();
    return;
  }
  const events = graph.streamEvents(input, { ...options.graphOptions, version: "v2", streamMode, subgraphs: options.subgraphs, runId: options.runId });
  const forwardEvents = options.modes.includes("events");
  // A callback event as the client asked for it: itself (events mode) and, for a model token, the messages mode's partial.
  const forward = function* (event: StreamEvent): Generator<RunEvent> {
    // Node events between the answer and its verdict carry the unchecked answer: the gate strips them.
    if (forwardEvents) yield { event: "events", data: gate === undefined ? event : gate.event(event) };
    if (event.event === "on_chat_model_stream") yield* translator.token(event);
  };
  for await (const event of events) {
    if (event.event === "on_chain_stream" && event.run_id === options.runId) {
      if (tap !== undefined) observe(tap, event.data.chunk);
      yield* translated(translator, checks, gate, event.data.chunk);
    } else if (checks !== undefined && (event.event === "on_chat_model_stream" || event.event === "on_chat_model_end")) {
      for (const checked of checks.event(event)) yield* forward(checked as StreamEvent);
    } else {
      yield* forward(event);
    }
  }
  yield* finish();
}
