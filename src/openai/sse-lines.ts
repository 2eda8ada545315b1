import type { IncomingMessage } from "node:http";

/**
 * The `data:` payloads of a server-sent event stream, as they complete. Rejects when the connection dies
 * mid-stream (the caller decides whether that was after the answer's end).
 */
export async function* sseData(response: IncomingMessage, signal: AbortSignal): AsyncGenerator<string> {
  let pending = "";
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", () => reject(signal.reason instanceof Error ? signal.reason : new Error("aborted")), { once: true });
  });
  aborted.catch(() => {});
  const iterator = response[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done === true) break;
      pending += next.value.toString("utf8");
      let end = pending.indexOf("\n");
      while (end !== -1) {
        const line = pending.slice(0, end).trimEnd();
        pending = pending.slice(end + 1);
        if (line.startsWith("data:")) yield line.slice(5).trimStart();
        end = pending.indexOf("\n");
      }
    }
  } finally {
    response.destroy();
  }
}
