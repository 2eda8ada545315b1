import { Worker } from "node:worker_threads";
import type { BaseMessage } from "@langchain/core/messages";
import { countText } from "../tokens/count-text.ts";
import { countedText } from "../tokens/counted-text.ts";
import { TOKEN_COUNTS_KEY, type TokenCountStamp, type TokenizerName } from "../tokens/token-stamp.ts";
import { TOKENS_PER_MESSAGE } from "./token-accounting.ts";

/**
 * Texts shorter than this are counted in the calling thread: a 32 KiB text counts in about a millisecond, less
 * than the copy to a worker and back is worth.
 */
export const OFF_THREAD_MIN_CHARS = 32_768;

// Plain JavaScript, evaluated as the worker; it registers tsx (the package ships TypeScript) and counts with the
// very function the calling thread uses, so a count is the same wherever it was made.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { register } = await import("tsx/esm/api");
  register();
  const { countText } = await import(workerData.module);
  parentPort.on("message", ({ id, text, tokenizer }) => {
    try {
      parentPort.postMessage({ id, tokens: countText(text, tokenizer) });
    } catch (error) {
      parentPort.postMessage({ id, error: String(error) });
    }
  });
  parentPort.postMessage({ id: 0, ready: true });
})().catch((error) => parentPort.postMessage({ id: 0, error: String(error) }));
`;

type Reply = { id: number; tokens?: number; error?: string; ready?: boolean };

class CountingWorker {
  private readonly pending = new Map<number, { resolve: (tokens: number) => void; reject: (error: Error) => void }>();
  private sequence = 0;
  private readonly worker: Worker;
  readonly ready: Promise<void>;

  constructor() {
    this.worker = new Worker(workerSource, { eval: true, workerData: { module: new URL(`../tokens/count-text.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href } });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on("message", (reply: Reply) => {
        if (reply.id === 0) return reply.ready === true ? resolve() : reject(new Error(reply.error));
        const waiter = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.tokens !== undefined) waiter?.resolve(reply.tokens);
        else waiter?.reject(new Error(reply.error ?? "the counting worker answered nothing"));
      });
      this.worker.once("error", (error) => {
        reject(error);
        for (const waiter of this.pending.values()) waiter.reject(error);
        this.pending.clear();
      });
    });
  }

  async count(text: string, tokenizer: TokenizerName): Promise<number> {
    await this.ready;
    const id = ++this.sequence;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, text, tokenizer });
    });
  }
}

let shared: CountingWorker | undefined;
let broken = false;

/**
 * Counts a text as `countText` does, on a worker thread when the text is long: the count is the same, and the
 * calling thread's event loop stays free meanwhile (a 1 MiB input held it 25–110 ms per tokenizer, with /ok and
 * every other request waiting). Falls back to counting in this thread if the worker cannot run.
 *
 * @example
 * await countTextOffThread(hugeInput, "o200k_base") // same number as countText(hugeInput, "o200k_base")
 */
export async function countTextOffThread(text: string, tokenizer: TokenizerName): Promise<number> {
  if (text.length < OFF_THREAD_MIN_CHARS || broken) return countText(text, tokenizer);
  try {
    shared ??= new CountingWorker();
    return await shared.count(text, tokenizer);
  } catch {
    // A worker that cannot start (no tsx, a sandbox without threads) must not fail the request: count here.
    broken = true;
    return countText(text, tokenizer);
  }
}

/**
 * Stamps token counts on messages as `stampTokenCounts` does, counting long texts off the event loop; a node
 * calls it before returning messages, so the `messages` reducer (synchronous) finds them stamped and counts
 * nothing.
 *
 * @example
 * const message = new HumanMessage(prompt);
 * await stampTokenCountsOffThread([message], ["estimate", "o200k_base"]);
 * return { messages: [message] };
 */
export async function stampTokenCountsOffThread(messages: readonly BaseMessage[], tokenizers: readonly TokenizerName[]): Promise<void> {
  for (const message of messages) {
    const metadata = (message.response_metadata ?? {}) as Record<string, unknown>;
    const previous = metadata[TOKEN_COUNTS_KEY] as Partial<TokenCountStamp> | undefined;
    const text = countedText(message);
    const stamp: TokenCountStamp = { ...(previous?.length === text.length ? previous : {}), length: text.length };
    const counts = await Promise.all(tokenizers.map((tokenizer) => (stamp[tokenizer] === undefined ? countTextOffThread(text, tokenizer) : undefined)));
    tokenizers.forEach((tokenizer, index) => {
      const tokens = counts[index];
      if (tokens !== undefined) stamp[tokenizer] = tokens + TOKENS_PER_MESSAGE;
    });
    metadata[TOKEN_COUNTS_KEY] = stamp;
    message.response_metadata = metadata;
  }
}
