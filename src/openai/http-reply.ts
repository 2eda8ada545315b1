import { SwitchyardError } from "../errors.ts";

/** The upstream's reply broke HTTP/1.1 framing (or a limit): the socket is unusable and the attempt failed. */
export class UpstreamProtocolError extends SwitchyardError {
  constructor(what: string) {
    super("backend_error", `the upstream's HTTP reply is malformed: ${what}. Fix: point the deployment's base_url at an HTTP/1.1 OpenAI-compatible server.`);
  }
}

/** A whole upstream reply: status, headers (names lower-cased, repeats joined with ", ") and body. */
export interface HttpReply {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
  /** Whether the connection may carry the next request (keep-alive, framed body, no stray bytes after it). */
  reusable: boolean;
  /** The server's `Keep-Alive: timeout=N` hint in ms, when it sent one. */
  keepAliveMs: number | undefined;
}

const MAX_HEAD_BYTES = 64 * 1024;
const CRLF2 = Buffer.from("\r\n\r\n", "latin1");
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |$)/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const DIGITS = /^\d{1,15}$/;
const CHUNK_SIZE = /^([0-9a-fA-F]{1,12})[ \t]*(?:;.*)?$/;

type Framing = { kind: "length"; remaining: number } | { kind: "chunked" } | { kind: "close" };

/**
 * An incremental HTTP/1.1 reply reader for one exchange on a pooled socket. Deliberately narrow: a status
 * line, header lines, and a body framed by Content-Length, chunked encoding or the connection's close;
 * 1xx interim replies are skipped. Anything ambiguous (both Content-Length and Transfer-Encoding, differing
 * Content-Lengths, an unknown transfer coding, folded headers, bytes after the reply) is refused or makes
 * the socket unreusable, so a hostile or broken upstream can fail its own attempt but never desynchronise
 * the next request on the same connection.
 */
export class HttpReplyReader {
  #pending: Buffer | undefined;
  #head: { status: number; headers: Map<string, string>; keepAlive: boolean; keepAliveMs: number | undefined } | undefined;
  #framing: Framing | undefined;
  #parts: Buffer[] = [];
  #size = 0;
  readonly #maxBodyBytes: number;

  constructor(maxBodyBytes: number) {
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** Whether any byte of a reply has arrived (a socket closed before that may be a stale keep-alive one). */
  get started(): boolean {
    return this.#pending !== undefined || this.#head !== undefined;
  }

  /** Feeds bytes; returns the reply once it is complete, undefined while more is needed. Throws on bad framing. */
  push(chunk: Buffer): HttpReply | undefined {
    let data = this.#pending === undefined ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#pending = undefined;
    for (;;) {
      if (this.#head === undefined) {
        const end = data.indexOf(CRLF2);
        if (end < 0) {
          if (data.length > MAX_HEAD_BYTES) throw new UpstreamProtocolError(`its header is over ${MAX_HEAD_BYTES} bytes`);
          this.#pending = data;
          return undefined;
        }
        this.#readHead(data.toString("latin1", 0, end));
        data = data.subarray(end + 4);
        if (this.#head === undefined) continue; // an interim 1xx reply: the real one follows
      }
      const framing = this.#framing;
      if (framing === undefined || framing.kind === "close") {
        if (framing !== undefined) this.#append(data);
        return framing === undefined ? this.#finish(data.length === 0) : undefined;
      }
      if (framing.kind === "length") {
        const take = Math.min(framing.remaining, data.length);
        this.#append(take === data.length ? data : data.subarray(0, take));
        framing.remaining -= take;
        return framing.remaining === 0 ? this.#finish(data.length === take) : undefined;
      }
      const rest = this.#readChunks(data);
      if (rest === undefined) return undefined;
      return this.#finish(rest.length === 0);
    }
  }

  /** The connection ended: completes a close-delimited reply, or throws because the reply was cut short. */
  end(): HttpReply {
    if (this.#head !== undefined && this.#framing?.kind === "close") return this.#finish(false);
    throw new UpstreamProtocolError(this.started ? "the connection closed mid-reply" : "the connection closed before any reply");
  }

  #readHead(text: string): void {
    // One pass by index over the head (no split, no per-line regex but the name check): it runs per reply.
    const firstEnd = text.indexOf("\r\n");
    const statusLine = firstEnd < 0 ? text : text.slice(0, firstEnd);
    const status = STATUS_LINE.exec(statusLine);
    if (status === null) throw new UpstreamProtocolError(`its status line is ${JSON.stringify(statusLine.slice(0, 60))}`);
    const code = Number(status[2]);
    if (code === 101) throw new UpstreamProtocolError("it switched protocols");
    if (code < 200) return; // 100 Continue, 103 Early Hints: skipped
    const headers = new Map<string, string>();
    for (let start = firstEnd < 0 ? text.length : firstEnd + 2; start < text.length; ) {
      let end = text.indexOf("\r\n", start);
      if (end < 0) end = text.length;
      const colon = text.indexOf(":", start);
      const name = colon > start && colon < end ? text.slice(start, colon).toLowerCase() : "";
      if (!TOKEN.test(name)) throw new UpstreamProtocolError(`header line ${JSON.stringify(text.slice(start, Math.min(end, start + 60)))} is not name: value`);
      const value = text.slice(colon + 1, end).trim();
      const before = headers.get(name);
      headers.set(name, before === undefined ? value : `${before}, ${value}`);
      start = end + 2;
    }
    const connection = headers.get("connection");
    const keepAlive = status[1] === "1" ? connection === undefined || !/close/i.test(connection) : connection !== undefined && /keep-alive/i.test(connection);
    const hintHeader = headers.get("keep-alive");
    const hint = hintHeader === undefined ? null : /timeout=(\d+)/i.exec(hintHeader);
    this.#head = { status: code, headers, keepAlive, keepAliveMs: hint === null ? undefined : Number(hint[1]) * 1000 };
    this.#framing = this.#framingOf(code, headers);
  }

  #framingOf(status: number, headers: Map<string, string>): Framing | undefined {
    const coding = headers.get("transfer-encoding");
    const length = headers.get("content-length");
    if (coding !== undefined) {
      if (length !== undefined) throw new UpstreamProtocolError("it sent both Content-Length and Transfer-Encoding");
      if (coding.toLowerCase() !== "chunked") throw new UpstreamProtocolError(`Transfer-Encoding ${JSON.stringify(coding.slice(0, 40))} is not plain chunked`);
      return status === 204 || status === 304 ? undefined : { kind: "chunked" };
    }
    if (status === 204 || status === 304) return undefined;
    if (length === undefined) return { kind: "close" };
    // Repeated equal values ("12, 12") are one length, as RFC 9110 allows; differing ones are refused.
    const values = DIGITS.test(length) ? [length] : [...new Set(length.split(",").map((value) => value.trim()))];
    const only = values[0];
    if (values.length !== 1 || only === undefined || !DIGITS.test(only)) throw new UpstreamProtocolError(`Content-Length ${JSON.stringify(length.slice(0, 40))} is not one number`);
    const remaining = Number(only);
    if (remaining > this.#maxBodyBytes) throw new UpstreamProtocolError(`its body of ${remaining} bytes is over the limit of ${this.#maxBodyBytes}`);
    return remaining === 0 ? undefined : { kind: "length", remaining };
  }

  /** Reads chunked framing from `data`; returns the bytes after the final chunk's trailers, or undefined for more. */
  #readChunks(data: Buffer): Buffer | undefined {
    let offset = 0;
    for (;;) {
      const lineEnd = data.indexOf("\r\n", offset, "latin1");
      if (lineEnd < 0) return this.#wait(data.subarray(offset));
      const line = data.toString("latin1", offset, lineEnd);
      const size = CHUNK_SIZE.exec(line);
      if (size === null) throw new UpstreamProtocolError(`chunk size line ${JSON.stringify(line.slice(0, 40))}`);
      const length = Number.parseInt(size[1] ?? "", 16);
      if (length === 0) {
        // Trailers (ignored) end at an empty line.
        const trailersEnd = data.indexOf("\r\n", lineEnd + 2, "latin1") === lineEnd + 2 ? lineEnd + 4 : data.indexOf(CRLF2, lineEnd) + 4;
        if (trailersEnd < 4) return this.#wait(data.subarray(offset));
        return data.subarray(trailersEnd);
      }
      const start = lineEnd + 2;
      if (data.length < start + length + 2) return this.#wait(data.subarray(offset));
      if (data[start + length] !== 13 || data[start + length + 1] !== 10) throw new UpstreamProtocolError("a chunk is not followed by CRLF");
      this.#append(data.subarray(start, start + length));
      offset = start + length + 2;
    }
  }

  #wait(rest: Buffer): undefined {
    if (rest.length > MAX_HEAD_BYTES + this.#maxBodyBytes) throw new UpstreamProtocolError("a chunk is over the body limit");
    this.#pending = rest.length === 0 ? undefined : Buffer.from(rest);
    return undefined;
  }

  #append(part: Buffer): void {
    if (part.length === 0) return;
    this.#size += part.length;
    if (this.#size > this.#maxBodyBytes) throw new UpstreamProtocolError(`its body is over the limit of ${this.#maxBodyBytes} bytes`);
    this.#parts.push(part);
  }

  #finish(clean: boolean): HttpReply {
    const head = this.#head;
    if (head === undefined) throw new UpstreamProtocolError("no reply head");
    const body = this.#parts.length === 1 ? (this.#parts[0] as Buffer) : Buffer.concat(this.#parts, this.#size);
    const reusable = clean && head.keepAlive && this.#framing?.kind !== "close";
    return { status: head.status, headers: head.headers, body, reusable, keepAliveMs: head.keepAliveMs };
  }
}
