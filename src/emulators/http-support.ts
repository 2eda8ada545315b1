import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body the emulators read; real providers refuse far smaller prompts than this. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Reads a request body as text; rejects with "too_large" past {@link MAX_BODY_BYTES}. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("too_large"));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Parses JSON text, reporting the parser's message instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Sends a JSON body with its status and any extra headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Tracks whether the client went away, so held or paced responses stop early. */
export interface ClientWatch {
  readonly gone: boolean;
  /** Waits `ms`, or less if the client goes away first. */
  wait(ms: number): Promise<void>;
}

export function watchClient(response: ServerResponse): ClientWatch {
  let gone = false;
  const listeners = new Set<() => void>();
  response.once("close", () => {
    gone = true;
    for (const listener of listeners) listener();
  });
  return {
    get gone() {
      return gone;
    },
    wait(ms) {
      if (ms <= 0 || gone) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        listeners.add(done);
      });
    },
  };
}
