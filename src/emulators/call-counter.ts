import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the counter does with one model call: pass it on, answer 500 itself, or never answer. */
export type CallAction = "forward" | "fail" | "hang";

export interface CallCounterOptions {
  /** Where calls go, e.g. an emulator's `urls.openai` (with its path prefix). */
  target: string;
  /** Decides per call (numbered from 0 in arrival order); forward by default. */
  decide?: (call: { index: number; body: string }) => CallAction;
  /** Holds each forwarded call this long first, so a run spends time inside its model call; default 0. */
  delayMs?: number;
}

/** A loopback proxy in front of a model backend that counts calls as the backend saw them. */
export interface CallCounter {
  /** Base URL to put in a deployment's `base_url` instead of the target's. */
  url: string;
  /** Calls received, in order. */
  received(): number;
  /**
   * Calls answered to the end (the client got the whole reply, a 500 included), optionally only those whose
   * request body contains `marker` (e.g. a thread's unique input). Compare with the attempts a thread's
   * final state records: more completed calls than attempts is model work done twice.
   */
  completed(marker?: string): number;
  /** When (Date.now()) the last call containing `marker` answered before `time` was answered, if any was. */
  completedBefore(marker: string, time: number): number | undefined;
  /** Calls containing `marker` answered in [from, to): e.g. replies written while the client process was dead. */
  completedBetween(marker: string, from: number, to: number): number;
  close(): Promise<void>;
}

/**
 * Starts the counter. A test and bench harness (kill -9 trials, crash resume): the engine never imports it.
 *
 * @example
 * const counter = await startCallCounter({ target: emulators.urls.openai });
 * // deployment base_url: counter.url ... then: expect(counter.completed(marker)).toBe(state.attempts.length)
 */
export async function startCallCounter(options: CallCounterOptions): Promise<CallCounter> {
  const target = new URL(options.target);
  const completedBodies: Array<{ body: string; at: number }> = [];
  const hanging = new Set<ServerResponse>();
  let index = 0;
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const text = body.toString("utf8");
      const action = options.decide?.({ index: index++, body: text }) ?? "forward";
      const count = () => completedBodies.push({ body: text, at: Date.now() });
      if (action === "hang") {
        hanging.add(outgoing);
        return;
      }
      if (action === "fail") {
        outgoing.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "call counter: injected 500", type: "server_error" } }), count);
        return;
      }
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
        (reply) => {
          outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(outgoing);
          outgoing.on("finish", count);
        },
      );
      upstream.on("error", () => outgoing.destroy());
      if ((options.delayMs ?? 0) > 0) setTimeout(() => upstream.end(body), options.delayMs);
      else upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, "")}`,
    received: () => index,
    completed: (marker) => (marker === undefined ? completedBodies.length : completedBodies.filter((call) => call.body.includes(marker)).length),
    completedBetween: (marker, from, to) => completedBodies.filter((call) => call.body.includes(marker) && call.at >= from && call.at < to).length,
    completedBefore: (marker, time) => completedBodies.filter((call) => call.body.includes(marker) && call.at <= time).at(-1)?.at,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
