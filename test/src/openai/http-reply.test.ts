import { describe, expect, it } from "vitest";
import { HttpReplyReader, UpstreamProtocolError, type HttpReply } from "../../../src/openai/http-reply.ts";

const LIMIT = 1_024;

/** Feeds `text` to a fresh reader in pieces of `size` bytes; returns the reply or undefined if more was needed. */
function read(text: string, size = Number.POSITIVE_INFINITY, limit = LIMIT): HttpReply | undefined {
  const reader = new HttpReplyReader(limit);
  const bytes = Buffer.from(text, "latin1");
  let reply: HttpReply | undefined;
  for (let offset = 0; offset < bytes.length; offset += Math.min(size, bytes.length)) {
    expect(reply).toBeUndefined();
    reply = reader.push(bytes.subarray(offset, offset + Math.min(size, bytes.length)));
  }
  return reply;
}

describe("HttpReplyReader", () => {
  it("reads a Content-Length reply whole or a byte at a time, and keeps the connection", () => {
    const text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nKeep-Alive: timeout=5\r\n\r\n{\"a\":\"bc\"}\n";
    for (const size of [Number.POSITIVE_INFINITY, 1, 7]) {
      const reply = read(text, size);
      expect(reply?.status).toBe(200);
      expect(reply?.body.toString()).toBe('{"a":"bc"}\n');
      expect(reply?.headers.get("content-type")).toBe("application/json");
      expect(reply?.reusable).toBe(true);
      expect(reply?.keepAliveMs).toBe(5_000);
    }
  });

  it("reads chunked bodies with extensions and trailers, in any split", () => {
    const text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nX-Trailer: yes\r\n\r\n";
    for (const size of [Number.POSITIVE_INFINITY, 1, 3, 10]) {
      const reply = read(text, size);
      expect(reply?.body.toString()).toBe("Wikipedia");
      expect(reply?.reusable).toBe(true);
    }
    expect(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")?.body.length).toBe(0);
  });

  it("skips interim 1xx replies and reads the final one", () => {
    const reply = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
    expect(reply?.status).toBe(201);
    expect(reply?.body.toString()).toBe("ok");
  });

  it("keeps error statuses and their headers (Retry-After reaches the router)", () => {
    const reply = read("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 4\r\n\r\nslow");
    expect(reply?.status).toBe(429);
    expect(reply?.headers.get("retry-after")).toBe("3");
  });

  it("reads a body delimited by the connection's close, and never reuses that connection", () => {
    const reader = new HttpReplyReader(LIMIT);
    expect(reader.push(Buffer.from("HTTP/1.1 200 OK\r\n\r\nhello "))).toBeUndefined();
    expect(reader.push(Buffer.from("world"))).toBeUndefined();
    const reply = reader.end();
    expect(reply.body.toString()).toBe("hello world");
    expect(reply.reusable).toBe(false);
  });

  it("does not reuse a connection after Connection: close, an HTTP/1.0 reply, or bytes after the reply", () => {
    expect(read("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx")?.reusable).toBe(false);
    expect(read("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx")?.reusable).toBe(false);
    expect(read("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx")?.reusable).toBe(true);
    expect(read("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 200 OK\r\n")?.reusable).toBe(false);
  });

  it("treats 204 and 304 as bodiless", () => {
    expect(read("HTTP/1.1 204 No Content\r\n\r\n")?.body.length).toBe(0);
    expect(read("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n")?.body.length).toBe(0);
  });

  it("accepts repeated equal Content-Lengths and refuses differing ones", () => {
    expect(read("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok")?.body.toString()).toBe("ok");
    expect(() => read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok")).toThrow(/not one number/);
  });

  it.each([
    ["a status line that is not HTTP/1.x", "HTTP/2 200 OK\r\n\r\n", /status line/],
    ["garbage instead of a reply", "<html>hello</html>\r\n\r\n", /status line/],
    ["a folded header line", "HTTP/1.1 200 OK\r\nX-A: 1\r\n  folded\r\nContent-Length: 0\r\n\r\n", /not name: value/],
    ["a header without a colon", "HTTP/1.1 200 OK\r\nbroken\r\n\r\n", /not name: value/],
    ["both Content-Length and Transfer-Encoding (a smuggling shape)", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", /both Content-Length and Transfer-Encoding/],
    ["a transfer coding other than chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", /not plain chunked/],
    ["a negative Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", /not one number/],
    ["a bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n", /chunk size/],
    ["a chunk longer than it said", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n", /not followed by CRLF/],
    ["a switch of protocols", "HTTP/1.1 101 Switching Protocols\r\n\r\n", /switched protocols/],
  ])("refuses %s", (_what, text, message) => {
    expect(() => read(text)).toThrow(UpstreamProtocolError);
    expect(() => read(text)).toThrow(message);
  });

  it("bounds the head and the body, so a hostile upstream cannot exhaust memory", () => {
    const reader = new HttpReplyReader(LIMIT);
    expect(() => {
      for (let index = 0; index < 100; index++) reader.push(Buffer.from(`X-Filler-${index}: ${"y".repeat(1_000)}\r\n`));
    }).toThrow(/header is over/);
    expect(() => read(`HTTP/1.1 200 OK\r\nContent-Length: ${LIMIT + 1}\r\n\r\n`)).toThrow(/over the limit/);
    expect(() => read(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(LIMIT + 1).toString(16)}\r\n${"z".repeat(LIMIT + 1)}\r\n0\r\n\r\n`)).toThrow(/over the limit/);
    const closing = new HttpReplyReader(LIMIT);
    closing.push(Buffer.from("HTTP/1.1 200 OK\r\n\r\n"));
    expect(() => closing.push(Buffer.alloc(LIMIT + 1))).toThrow(/over the limit/);
  });

  it("says whether a cut connection had started its reply", () => {
    const silent = new HttpReplyReader(LIMIT);
    expect(() => silent.end()).toThrow(/closed before any reply/);
    const cut = new HttpReplyReader(LIMIT);
    cut.push(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    expect(() => cut.end()).toThrow(/closed mid-reply/);
  });
});
