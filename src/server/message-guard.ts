import { replyText } from "../tokens/content-text.ts";
import { AIMessageChunk, isBaseMessage } from "@langchain/core/messages";
import { StreamTextChecker, type StreamTextCheckerOptions } from "../verification/index.ts";

/** The part of a streamed message chunk the guard reads. */
interface ChunkLike {
  id?: string;
  content?: unknown;
  tool_call_chunks?: unknown[];
}

const textOf = replyText;

/**
 * The output checks on a run's token stream (`messages` mode chunks and `on_chat_model_stream` events):
 * each message's text goes through its own `StreamTextChecker`, so a client only ever receives checked,
 * redacted text; tool-call fragments are never forwarded (the complete call reaches the client in the
 * message from state, after the graph's own checks); a blocked message sends nothing more.
 *
 * @example
 * const guard = new MessageGuard({ pii: { strategy: "redact" } });
 * const safe = guard.chunk(chunk); // undefined when nothing can be released yet
 */
export class MessageGuard {
  readonly #options: StreamTextCheckerOptions;
  readonly #checkers = new Map<string, StreamTextChecker>();
  readonly #blocked = new Set<string>();

  constructor(options: StreamTextCheckerOptions) {
    this.#options = options;
  }

  /** Model output goes through the checks; the caller's own messages, tool results and the like do not. */
  static applies(raw: unknown): boolean {
    return !isBaseMessage(raw) || raw.getType() === "ai";
  }

  /** The checked replacement of one streamed chunk, or undefined when nothing is released now. */
  chunk(raw: unknown, key?: string): AIMessageChunk | undefined {
    if (typeof raw !== "object" || raw === null) return undefined;
    const chunk = raw as ChunkLike;
    const id = key ?? chunk.id ?? "";
    if (this.#blocked.has(id)) return undefined;
    let checker = this.#checkers.get(id);
    if (checker === undefined) {
      checker = new StreamTextChecker(this.#options);
      this.#checkers.set(id, checker);
    }
    return this.#released(id, chunk.id, checker.push(textOf(chunk.content)));
  }

  /** Releases what open messages (all, or the one under `key`) still hold: their calls have ended. */
  *finish(key?: string): Generator<AIMessageChunk> {
    for (const [id, checker] of this.#checkers) {
      if (key !== undefined && id !== key) continue;
      const released = this.#blocked.has(id) ? undefined : this.#released(id, key === undefined ? id : undefined, checker.finish());
      this.#checkers.delete(id);
      if (released !== undefined) yield released;
    }
  }

  #released(key: string, id: string | undefined, release: { text: string; blocked?: unknown[] }): AIMessageChunk | undefined {
    if (release.blocked !== undefined) this.#blocked.add(key);
    if (release.text === "") return undefined;
    return new AIMessageChunk({ content: release.text, ...(id === undefined || id === "" ? {} : { id }) });
  }
}
