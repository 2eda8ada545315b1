import net, { type AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, describe, expect, it, vi } from "vitest";
import { bufferedBody, requestBodyLimit } from "../../../src/server/body-limit.ts";
import { textTooDeep, tooDeep } from "../../../src/server/json-depth.ts";
import { gatedServer } from "./fixtures.ts";

function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += 1_000;
      controller.enqueue(new Uint8Array(1_000).fill(0x20));
    },
  });
}

describe("request body limit", () => {
  const { server } = gatedServer({ config: { max_body_bytes: 4_096 } });
  afterAll(() => server.close());
  const post = (body: string | Buffer | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    server.app.request("/threads", { method: "POST", headers: { "content-type": "application/json", ...headers }, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);

  it("refuses a declared length over server.max_body_bytes with 413 naming the limit and the fix", async () => {
    const response = await post(JSON.stringify({ metadata: { note: "n".repeat(5_000) } }), { "content-length": "5020" });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: string; message: string; limit_bytes: number };
    expect(body).toMatchObject({ error: "payload_too_large", limit_bytes: 4_096 });
    expect(body.message).toContain("server.max_body_bytes");
    expect(body.message).toContain("Fix:");
  });

  it("counts a body of unknown length as it arrives, and refuses it at the limit", async () => {
    const response = await post(streamOf(200_000));
    expect(response.status).toBe(413);
  });

  it("passes a body under the limit through to the route, unchanged", async () => {
    const response = await post(JSON.stringify({ metadata: { note: "n".repeat(3_000) } }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { metadata: { note: string } }).metadata.note).toHaveLength(3_000);
  });

  it("refuses bodies nested deeper than 64 levels, and invalid UTF-8, with 400", async () => {
    const deep = await post(`{"metadata":{"a":${"[".repeat(100)}${"]".repeat(100)}}}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { message: string }).message).toContain("nests deeper than 64");
    const broken = await post(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toContain("not valid UTF-8");
  });
});

describe("request body limit under Node", () => {
  it("reads the socket once: the route gets the buffer, and a reader of the request's own body still gets it all", async () => {
    const app = new Hono();
    app.use("*", requestBodyLimit(64));
    app.post("/echo", async (context) => {
      const kept = new TextDecoder().decode(bufferedBody(context));
      return context.json({ kept, text: await context.req.text() });
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
    try {
      const response = await fetch(url, { method: "POST", body: "x".repeat(60) });
      expect(await response.json()).toEqual({ kept: "x".repeat(60), text: "x".repeat(60) });
      const refused = await fetch(url, { method: "POST", body: "x".repeat(65) });
      expect(refused.status).toBe(413);
      // No declared length: counted as it arrives, refused in a later chunk, the rest read and dropped (the client sees the 413).
      const streamed = await fetch(url, { method: "POST", body: streamOf(200_000), duplex: "half" } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(((await streamed.json()) as { limit_bytes: number }).limit_bytes).toBe(64);
      // The connection still serves the next request.
      expect(await (await fetch(url, { method: "POST", body: "y".repeat(10) })).json()).toEqual({ kept: "y".repeat(10), text: "y".repeat(10) });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("lets a client go away mid-body: the request ends without reaching the route, and the server keeps answering", async () => {
    const app = new Hono();
    // Counts requests whose handling ended: a read waiting for a body that never comes would never end.
    let settled = 0;
    app.use("*", async (_context, next) => {
      try {
        await next();
      } finally {
        settled += 1;
      }
    });
    app.use("*", requestBodyLimit(4_096));
    // The aborted read is expected here: answered quietly instead of Hono's default error log.
    app.onError((_error, context) => context.text("client went away", 400));
    let routed = 0;
    app.post("/echo", async (context) => {
      routed += 1;
      return context.json({ kept: new TextDecoder().decode(bufferedBody(context)) });
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // Declares 1,000 bytes, sends 10, then closes the socket.
      const socket = net.connect(port, "127.0.0.1");
      await new Promise((resolve) => socket.once("connect", resolve));
      socket.write(`POST /echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 1000\r\n\r\n${"x".repeat(10)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      // Polled, not slept: on a loaded machine the close can take longer than any fixed pause.
      await vi.waitFor(() => expect(settled).toBe(1), { timeout: 10_000, interval: 10 });
      expect(routed).toBe(0);
      expect(await (await fetch(`http://127.0.0.1:${port}/echo`, { method: "POST", body: "y".repeat(10) })).json()).toEqual({ kept: "y".repeat(10) });
      expect(routed).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("tooDeep", () => {
  it("walks 500,000 levels without recursion", () => {
    const value: unknown = JSON.parse(`${"[".repeat(500_000)}${"]".repeat(500_000)}`);
    expect(tooDeep(value, 64)).toBe(65);
    expect(tooDeep({ a: [{ b: 1 }] }, 3)).toBeUndefined();
  });
});

describe("textTooDeep", () => {
  it("agrees with the parsed walk on nesting, and skips brackets inside strings and after escapes", () => {
    const deep = `${"[".repeat(500_000)}${"]".repeat(500_000)}`;
    expect(textTooDeep(deep, 64)).toBe(65);
    expect(textTooDeep('{"a":[{"b":1}]}', 3)).toBeUndefined();
    expect(textTooDeep('{"a":[{"b":1}]}', 2)).toBe(3);
    expect(textTooDeep(JSON.stringify({ text: "[[[[{{{{".repeat(100) }), 2)).toBeUndefined();
    expect(textTooDeep(JSON.stringify({ text: 'a quote \\" then [[[[' }), 1)).toBeUndefined();
  });
});
