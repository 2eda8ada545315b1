import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { UpstreamPool } from "../../../src/openai/upstream-pool.ts";

/** A loopback server that answers each request with `answer(request, socket)`; counts connections. */
async function upstream(answer: (request: string, socket: net.Socket) => void): Promise<{ port: number; connections: () => number; requests: string[]; close: () => Promise<void> }> {
  let connections = 0;
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let pending = "";
    socket.on("data", (chunk) => {
      pending += chunk.toString("latin1");
      for (;;) {
        const headEnd = pending.indexOf("\r\n\r\n");
        if (headEnd < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, headEnd))?.[1] ?? 0);
        if (pending.length < headEnd + 4 + length) return;
        const request = pending.slice(0, headEnd + 4 + length);
        pending = pending.slice(request.length);
        requests.push(request);
        answer(request, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections: () => connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const ok = (body: string) => `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const target = (port: number) => ({ hostname: "127.0.0.1", port, path: "/v1/chat/completions", headers: { "content-type": "application/json", authorization: "Bearer k" } });

describe("UpstreamPool over loopback", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("sends one well-formed request per exchange and reuses one keep-alive connection", async () => {
    const server = await upstream((request, socket) => socket.write(ok(JSON.stringify({ echo: request.slice(request.indexOf("\r\n\r\n") + 4) }))));
    cleanups.push(server.close);
    const pool = new UpstreamPool(target(server.port));
    cleanups.push(() => pool.close());
    for (let index = 0; index < 5; index++) {
      const reply = await pool.exchange(JSON.stringify({ index, text: "héllo" })).reply;
      expect(reply.status).toBe(200);
      // The test server reads bytes as latin1: the echo holds the UTF-8 bytes the pool sent.
      const echo = (JSON.parse(reply.body.toString("utf8")) as { echo: string }).echo;
      expect(Buffer.from(echo, "latin1").toString("utf8")).toBe(JSON.stringify({ index, text: "héllo" }));
    }
    expect(server.connections()).toBe(1);
    expect(server.requests[0]).toMatch(/^POST \/v1\/chat\/completions HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\nconnection: keep-alive\r\ncontent-type: application\/json\r\nauthorization: Bearer k\r\ncontent-length: 27\r\n\r\n/);
  });

  it("rejects an exchange whose upstream closes mid-reply, and opens a fresh connection for the next", async () => {
    let calls = 0;
    const server = await upstream((_request, socket) => {
      calls += 1;
      if (calls === 1) socket.end("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"partial\":");
      else socket.write(ok("{}"));
    });
    cleanups.push(server.close);
    const pool = new UpstreamPool(target(server.port));
    cleanups.push(() => pool.close());
    await expect(pool.exchange("{}").reply).rejects.toThrow(/closed mid-reply/);
    expect((await pool.exchange("{}").reply).status).toBe(200);
    expect(server.connections()).toBe(2);
  });

  it("rejects a malformed reply and never reuses its connection", async () => {
    let calls = 0;
    const server = await upstream((_request, socket) => {
      calls += 1;
      socket.write(calls === 1 ? "HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\nok" : ok("{}"));
    });
    cleanups.push(server.close);
    const pool = new UpstreamPool(target(server.port));
    cleanups.push(() => pool.close());
    await expect(pool.exchange("{}").reply).rejects.toThrow(/both Content-Length and Transfer-Encoding/);
    expect((await pool.exchange("{}").reply).status).toBe(200);
    expect(server.connections()).toBe(2);
  });

  it("holds exchanges past maxSockets until a connection comes free (backpressure), then serves them all", async () => {
    const held: net.Socket[] = [];
    const server = await upstream((_request, socket) => held.push(socket));
    cleanups.push(server.close);
    const pool = new UpstreamPool(target(server.port), { maxSockets: 2 });
    cleanups.push(() => pool.close());
    const replies = Array.from({ length: 5 }, (_, index) => pool.exchange(JSON.stringify({ index })).reply);
    await expect.poll(() => held.length).toBe(2);
    expect(pool.openConnections).toBe(2);
    // Answer whatever is waiting until all five are served; never more than two connections.
    const answering = setInterval(() => held.splice(0).forEach((socket) => socket.write(ok("{}"))), 5);
    cleanups.push(() => clearInterval(answering));
    expect((await Promise.all(replies)).map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
    expect(server.connections()).toBe(2);
    expect(server.requests).toHaveLength(5);
  });

  it("abort() fails the exchange and closes its connection, which is never reused", async () => {
    const server = await upstream(() => undefined);
    cleanups.push(server.close);
    const pool = new UpstreamPool(target(server.port));
    cleanups.push(() => pool.close());
    const { reply, abort } = pool.exchange("{}");
    await expect.poll(() => server.requests.length).toBe(1);
    abort(new Error("deadline"));
    await expect(reply).rejects.toThrow("deadline");
    await expect.poll(() => pool.openConnections).toBe(0);
  });

  it("drops an idle connection past its Keep-Alive hint, and one that sends bytes nobody asked for", async () => {
    let now = 0;
    const sockets: net.Socket[] = [];
    const server = await upstream((_request, socket) => {
      sockets.push(socket);
      socket.write(`HTTP/1.1 200 OK\r\nkeep-alive: timeout=5\r\ncontent-length: 2\r\n\r\n{}`);
    });
    cleanups.push(server.close);
    const pool = new UpstreamPool(target(server.port), { now: () => now });
    cleanups.push(() => pool.close());
    await pool.exchange("{}").reply;
    now = 3_000;
    await pool.exchange("{}").reply;
    expect(server.connections()).toBe(1);
    now = 7_500; // past 3 s + (5 s hint - 1 s margin)
    await pool.exchange("{}").reply;
    expect(server.connections()).toBe(2);
    sockets.at(-1)?.write("HTTP/1.1 200 OK\r\n\r\n");
    await expect.poll(() => pool.openConnections).toBe(0);
    await pool.exchange("{}").reply;
    expect(server.connections()).toBe(3);
  });

  it("does not reuse a connection whose reply came before the request was all written", async () => {
    let connections = 0;
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      connections += 1;
      sockets.push(socket);
      // Answers at the first byte, as a server refusing a large body early does, then stops reading.
      socket.once("data", () => {
        socket.pause();
        socket.write("HTTP/1.1 413 Payload Too Large\r\ncontent-length: 0\r\n\r\n");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          // A paused socket never reads the client's close: the server's side is destroyed by hand.
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    );
    const pool = new UpstreamPool(target((server.address() as net.AddressInfo).port));
    cleanups.push(() => pool.close());
    const reply = await pool.exchange("x".repeat(16 * 1024 * 1024)).reply;
    expect(reply.status).toBe(413);
    await expect.poll(() => pool.openConnections).toBe(0);
    expect(connections).toBe(1);
  });

  it("refuses header values that would split the request", () => {
    expect(() => new UpstreamPool({ ...target(1), headers: { authorization: "Bearer k\r\nx-evil: 1" } })).toThrow(/line break/);
  });

  it("rejects when nothing listens", async () => {
    const server = await upstream(() => undefined);
    const port = server.port;
    await server.close();
    const pool = new UpstreamPool(target(port));
    await expect(pool.exchange("{}").reply).rejects.toThrow(/ECONNREFUSED/);
    expect(pool.openConnections).toBe(0);
  });
});
