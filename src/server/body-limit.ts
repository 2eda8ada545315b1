import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/** The default of `server.max_body_bytes`: 1 MiB, several times a 128K-token prompt of English text. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * Refuses request bodies over `maxBytes` with 413 and a JSON error naming the limit and the fix. Enforced while
 * reading: a declared Content-Length over the limit is refused before a byte is read, and a chunked body is
 * counted as it arrives and dropped at the limit, so a 40 MB body is never buffered whole.
 *
 * @example
 * app.use("*", requestBodyLimit(1_048_576));
 */
export function requestBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (context) =>
      context.json(
        {
          error: "payload_too_large",
          message: `request body is over the server's limit of ${maxBytes} bytes (server.max_body_bytes). Fix: send a smaller body, or raise server.max_body_bytes in switchyard.yaml.`,
          field: "body",
          limit_bytes: maxBytes,
        },
        413,
      ),
  });
}
