import type { BaseMessage } from "@langchain/core/messages";
import { WorkerPool } from "../threads/worker-pool.ts";
import { countText } from "../tokens/count-text.ts";
import { countedText } from "../tokens/counted-text.ts";
import { TOKEN_COUNTS_KEY, type TokenCountStamp, type TokenizerName } from "../tokens/token-stamp.ts";
import { TOKENS_PER_MESSAGE } from "./token-accounting.ts";

/**
 * Texts shorter than this are counted in the calling thread: a 32 KiB text counts in about a millisecond, less
 * than the copy to a worker and back is worth.
 */
export const OFF_THREAD_MIN_CHARS = 32_768;

const countingModule = new URL(`../tokens/count-text.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href;

let shared: WorkerPool<[string, TokenizerName], number> | undefined;
let unstartable = false;

function pool(): WorkerPool<[string, TokenizerName], number> {
  // One worker: counting is bounded (8 MB in ~0.1 s), and texts this long are rare.
  shared ??= new WorkerPool<[string, TokenizerName], number>({
    module: countingModule,
    exportName: "countText",
    size: 1,
    timeoutMs: () => 20_000,
    failure: ([text, tokenizer], reason, detail, cause) => {
      if (reason === "not_started") unstartable = true;
      return new Error(`counting ${text.length} characters with ${tokenizer} off the event loop: ${reason}${detail === "" ? "" : ` (${detail})`}`, cause === undefined ? undefined : { cause });
    },
  });
  return shared;
}

/**
 * Counts a text as `countText` does, on a worker thread when the text is long: the count is the same, and the
 * calling thread's event loop stays free meanwhile (a 1 MiB input held it 25–110 ms per tokenizer, with /ok and
 * every other request waiting). A worker that crashes or overruns is replaced for the next text; this text is
 * counted here. If no worker can start (no tsx, a sandbox without threads) every text is counted here.
 *
 * @example
 * await countTextOffThread(hugeInput, "o200k_base") // same number as countText(hugeInput, "o200k_base")
 */
export async function countTextOffThread(text: string, tokenizer: TokenizerName): Promise<number> {
  if (text.length < OFF_THREAD_MIN_CHARS || unstartable) return countText(text, tokenizer);
  try {
    return await pool().run([text, tokenizer]);
  } catch {
    // A count is never worth failing a request over: the worker's failure costs this one text a pause here.
    return countText(text, tokenizer);
  }
}

/**
 * Stops the counting worker (an idle one never holds the process open; this ends it at once, for tests and
 * shutdown). The next long text starts a fresh one.
 *
 * @example
 * afterAll(shutdownCountingWorker);
 */
export async function shutdownCountingWorker(): Promise<void> {
  const current = shared;
  shared = undefined;
  await current?.close();
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
