import { SSE_HEADERS, formatSSEErrorEvent, formatSSEEvent } from "@a2a-js/sdk";

/**
 * An A2A event stream as server-sent events: the first event is awaited before answering, so an error
 * that comes before any event (unknown task, a refused resubscribe) is a plain error answer from
 * `early` (or, with `"stream"`, an SSE error event too); later errors become an SSE error event. Closing the response stops the iterator.
 *
 * @example
 * return sseAnswer(stream, (event) => event, (error) => context.json(toError(error), 400), (error) => toError(error));
 */
export async function sseAnswer<T>(stream: AsyncIterable<T>, encode: (event: T) => unknown, early: ((error: unknown) => Response) | "stream", late: (error: unknown) => unknown): Promise<Response> {
  const iterator = stream[Symbol.asyncIterator]();
  let first: IteratorResult<T>;
  const encoder = new TextEncoder();
  try {
    first = await iterator.next();
  } catch (error) {
    // "stream": the error travels as an SSE error event, as v0.3's tasks/resubscribe answers it (the SDK's handler does too).
    if (early === "stream") return new Response(encoder.encode(formatSSEErrorEvent(late(error))), { headers: SSE_HEADERS });
    return early(error);
  }
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        if (!first.done) controller.enqueue(encoder.encode(formatSSEEvent(encode(first.value))));
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) controller.enqueue(encoder.encode(formatSSEEvent(encode(next.value))));
      } catch (error) {
        controller.enqueue(encoder.encode(formatSSEErrorEvent(late(error))));
      } finally {
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, { headers: SSE_HEADERS });
}
