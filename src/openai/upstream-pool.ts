import net from "node:net";
import { HttpReplyReader, UpstreamProtocolError, type HttpReply } from "./http-reply.ts";

/** Where one plain-http upstream listens and what every request to it carries (https keeps node:https). */
export interface PoolTarget {
  hostname: string;
  port: number;
  /** The request target, e.g. `/v1/chat/completions`. */
  path: string;
  /** Sent on every request (content-type, authorization); host, connection and content-length are the pool's. */
  headers: Record<string, string>;
}

export interface UpstreamPoolOptions {
  /** Connections open at once; further exchanges wait for one to come free. */
  maxSockets?: number;
  /** An idle connection older than this is closed rather than reused (when the server gave no Keep-Alive hint). */
  idleMs?: number;
  /** The largest reply body read (a bigger one fails the attempt rather than the process's memory). */
  maxBodyBytes?: number;
  now?: () => number;
}

/** One pooled connection: its socket listeners are installed once and dispatch to the exchange using it. */
interface Connection {
  socket: net.Socket;
  exchange: Exchange | undefined;
  idleUntil: number;
  /** Set once the socket has closed and been counted out of the pool. */
  gone: boolean;
}

interface Exchange {
  reader: HttpReplyReader;
  resolve: (reply: HttpReply) => void;
  reject: (error: Error) => void;
}

/** One exchange's progress, shared by its start and its abort. */
interface ExchangeState {
  connection: Connection | undefined;
  aborted: Error | undefined;
  fail: ((error: Error) => void) | undefined;
}

/**
 * An exchange's abort: closes its connection (never reused after a cut) and rejects its reply. A module
 * function returning the closure, not a named arrow in `exchange`: tsx (esbuild keepNames) gives each named
 * closure a defineProperty per request.
 */
function abortOf(state: ExchangeState): (reason: Error) => void {
  return (reason) => {
    if (state.aborted !== undefined) return;
    state.aborted = reason;
    const connection = state.connection;
    if (connection?.exchange !== undefined) {
      connection.exchange = undefined;
      connection.socket.destroy();
    }
    state.fail?.(reason);
  };
}

/** Server hints are cut by this much, so we never send on a socket the server is about to close. */
const HINT_MARGIN_MS = 1_000;

/**
 * A keep-alive connection pool of our own for the proxied hot path: each exchange is one socket write of the
 * request head and body together, and the reply is read by HttpReplyReader with no IncomingMessage, parser
 * object, Agent lookup or per-request listener. node:http's client cost about 95 µs more per loopback request
 * on this loaded machine (`npx tsx bench/fast-path-floor.ts` measures both). Streams, https upstreams and the
 * LangChain clients keep node:http(s).
 */
export class UpstreamPool {
  readonly #target: PoolTarget;
  readonly #head: string;
  readonly #idle: Connection[] = [];
  readonly #waiting: (() => void)[] = [];
  readonly #maxSockets: number;
  readonly #idleMs: number;
  readonly #maxBodyBytes: number;
  readonly #now: () => number;
  #open = 0;
  #closed = false;

  constructor(target: PoolTarget, options: UpstreamPoolOptions = {}) {
    this.#target = target;
    this.#maxSockets = options.maxSockets ?? 256;
    this.#idleMs = options.idleMs ?? 4_000;
    this.#maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
    this.#now = options.now ?? (() => performance.now());
    const host = target.hostname.includes(":") ? `[${target.hostname}]` : target.hostname;
    const lines = [`POST ${target.path} HTTP/1.1`, `host: ${host}${target.port === 80 ? "" : `:${target.port}`}`, "connection: keep-alive"];
    for (const [name, value] of Object.entries(target.headers)) {
      // A header value with CR or LF would let config smuggle a second request onto the connection.
      if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new UpstreamProtocolError(`header ${JSON.stringify(name)} holds a line break`);
      lines.push(`${name}: ${value}`);
    }
    this.#head = `${lines.join("\r\n")}\r\ncontent-length: `;
  }

  /** Connections open now (busy or idle); for tests and metrics. */
  get openConnections(): number {
    return this.#open;
  }

  /**
   * POSTs `body` and resolves with the whole reply, whatever its status. Rejects on a socket error, a
   * malformed or cut reply, or `abort()` (its timer or the caller's signal); the connection is then closed,
   * never reused.
   */
  exchange(body: string): { reply: Promise<HttpReply>; abort: (reason: Error) => void } {
    const state: ExchangeState = { connection: undefined, aborted: undefined, fail: undefined };
    const reply = new Promise<HttpReply>((resolve, reject) => {
      state.fail = reject;
      if (this.#idle.length > 0 || this.#open < this.#maxSockets) this.#start(state, body, resolve, reject);
      else this.#waiting.push(() => this.#start(state, body, resolve, reject));
    });
    return { reply, abort: abortOf(state) };
  }

  /** Sends one exchange's request on a free connection (or does nothing but pass the slot on, once aborted). */
  #start(state: ExchangeState, body: string, resolve: (reply: HttpReply) => void, reject: (error: Error) => void): void {
    if (state.aborted !== undefined) return this.#release();
    const connection = this.#checkout();
    state.connection = connection;
    connection.exchange = { reader: new HttpReplyReader(this.#maxBodyBytes), resolve, reject };
    const length = Buffer.byteLength(body);
    const head = `${this.#head}${length}\r\n\r\n`;
    const buffer = Buffer.allocUnsafe(head.length + length);
    buffer.write(head, 0, "latin1");
    buffer.write(body, head.length, "utf8");
    connection.socket.write(buffer);
  }

  /** Closes every idle connection and refuses nothing in flight (those close when they finish). */
  close(): void {
    this.#closed = true;
    for (const connection of this.#idle.splice(0)) connection.socket.destroy();
  }

  #checkout(): Connection {
    const now = this.#now();
    for (let connection = this.#idle.pop(); connection !== undefined; connection = this.#idle.pop()) {
      if (connection.idleUntil > now && !connection.socket.destroyed) {
        connection.socket.ref();
        return connection;
      }
      connection.socket.destroy();
    }
    return this.#connect();
  }

  #connect(): Connection {
    const { hostname, port } = this.#target;
    const socket = net.connect({ host: hostname, port });
    socket.setNoDelay(true);
    const connection: Connection = { socket, exchange: undefined, idleUntil: 0, gone: false };
    this.#open += 1;
    socket.on("data", (chunk: Buffer) => this.#onData(connection, chunk));
    socket.on("end", () => this.#onEnd(connection));
    socket.on("error", (error) => this.#onGone(connection, error));
    socket.on("close", () => this.#onGone(connection, new UpstreamProtocolError("the connection closed mid-reply")));
    return connection;
  }

  #onData(connection: Connection, chunk: Buffer): void {
    const exchange = connection.exchange;
    // Bytes on an idle connection were never asked for: the stream is out of step, so it is dropped.
    if (exchange === undefined) return void connection.socket.destroy();
    let reply: HttpReply | undefined;
    try {
      reply = exchange.reader.push(chunk);
    } catch (error) {
      connection.exchange = undefined;
      connection.socket.destroy();
      return exchange.reject(error as Error);
    }
    if (reply === undefined) return;
    connection.exchange = undefined;
    // A reply that came before our request was all written (an early 413, say) leaves the stream out of step.
    if (reply.reusable && !this.#closed && connection.socket.writableLength === 0) {
      connection.idleUntil = this.#now() + (reply.keepAliveMs === undefined ? this.#idleMs : reply.keepAliveMs - HINT_MARGIN_MS);
      connection.socket.unref();
      this.#idle.push(connection);
    } else connection.socket.destroy();
    exchange.resolve(reply);
    this.#release();
  }

  #onEnd(connection: Connection): void {
    const exchange = connection.exchange;
    connection.exchange = undefined;
    if (exchange !== undefined) {
      try {
        exchange.resolve(exchange.reader.end());
      } catch (error) {
        exchange.reject(error as Error);
      }
    }
    connection.socket.destroy();
  }

  #onGone(connection: Connection, error: Error): void {
    const exchange = connection.exchange;
    connection.exchange = undefined;
    exchange?.reject(error);
    if (!connection.socket.destroyed) return void connection.socket.destroy();
    // Counted once, however many of error/close arrive.
    if (connection.gone) return;
    connection.gone = true;
    this.#open -= 1;
    const index = this.#idle.indexOf(connection);
    if (index >= 0) this.#idle.splice(index, 1);
    this.#release();
  }

  /** A connection came free (or closed): the next waiting exchange starts. */
  #release(): void {
    if (this.#waiting.length === 0) return;
    if (this.#idle.length === 0 && this.#open >= this.#maxSockets) return;
    this.#waiting.shift()?.();
  }
}
