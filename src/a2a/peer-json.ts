import { SwitchyardError } from "../errors.ts";

/** An agent card is a few KB; 1 MiB leaves room for many skills and still bounds what a hostile peer can make us hold. */
export const CARD_MAX_BYTES = 1_048_576;
/** A task or message answer: artifacts can be large, but not without bound; `maxResponseBytes` changes it. */
export const ANSWER_MAX_BYTES = 32 * 1_048_576;
/** A JWKS of at most 64 EC keys (the schema's cap) is well under 64 KiB. */
export const JWKS_MAX_BYTES = 65_536;

/**
 * The JSON body of a peer's answer, read with a byte cap. A peer is not trusted: `response.json()` would buffer
 * whatever it sends (a loopback peer can send gigabytes well inside any timeout) before anything is checked.
 * The count is taken as chunks arrive, so the read stops at the cap, not after it. A declared Content-Length
 * over the cap is refused before a byte is read.
 *
 * @example
 * const card = await readPeerJson(await fetch(url), CARD_MAX_BYTES, "agent card at " + url);
 */
export async function readPeerJson(response: Response, maxBytes: number, what: string): Promise<unknown> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(what, maxBytes, `declares ${declared} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (reader !== undefined) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(what, maxBytes, `sent more than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks, total).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SwitchyardError("backend_error", `${what} is not JSON (${error instanceof Error ? error.message : String(error)}). Fix: check that the URL serves the peer's JSON document.`, { cause: error });
  }
}

/**
 * The same response with its body cut off (an error to its reader) once it passes `maxBytes`: what the A2A SDK
 * client reads with `response.json()` is then bounded too. An event stream the request asked for is left as it
 * is: a long task may stream without end, and each of its events is a separate, small read. Whether it is one is
 * decided by the request, not by the peer's Content-Type, which a hostile peer would set to escape the cap.
 */
export function capPeerResponse(response: Response, maxBytes: number, what: string, streamAsked: boolean): Response {
  if (response.body === null || (streamAsked && (response.headers.get("content-type") ?? "").includes("text/event-stream"))) return response;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body.cancel().catch(() => undefined);
    throw tooLarge(what, maxBytes, `declares ${declared} bytes`);
  }
  let total = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxBytes) controller.error(tooLarge(what, maxBytes, `sent more than ${maxBytes} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function tooLarge(what: string, maxBytes: number, seen: string): SwitchyardError {
  return new SwitchyardError("backend_error", `${what} ${seen}; the limit is ${maxBytes} bytes. Fix: check the peer's URL; a real card or JWKS is a few KB.`);
}
