/**
 * One forwarding proxy of the floor comparison (bench/fast-path-floor.ts), in its own process:
 * `node --import tsx bench/fast-path-floor-server.ts MODE PORT UPSTREAM_PORT`, MODE one of
 * - `node-http`: node:http server, node:http keep-alive client (the bare proxy of the fast-path bench);
 * - `pool`: node:http server, the /v1 endpoint's UpstreamPool as the client;
 * - `raw`: a net server reading Content-Length requests itself, UpstreamPool as the client;
 * - `relay`: a TCP relay (socket.pipe both ways): two extra loopback hops and nothing else.
 * No parsing of bodies, no routing: what each way of moving the bytes costs.
 */
import http from "node:http";
import net from "node:net";
import { UpstreamPool } from "../src/openai/upstream-pool.ts";

const [mode, portText, upstreamText] = process.argv.slice(2);
const port = Number(portText);
const upstreamPort = Number(upstreamText);
const pool = new UpstreamPool({ hostname: "127.0.0.1", port: upstreamPort, path: "/v1/chat/completions", headers: { "content-type": "application/json" } });
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function viaNodeHttp(body: Buffer, done: (status: number, reply: Buffer) => void): void {
  const request = http.request({ method: "POST", hostname: "127.0.0.1", port: upstreamPort, path: "/v1/chat/completions", agent, headers: { "content-type": "application/json", "content-length": body.length } }, (response) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("end", () => done(response.statusCode ?? 502, Buffer.concat(chunks)));
  });
  request.end(body);
}

function viaPool(body: Buffer, done: (status: number, reply: Buffer) => void): void {
  pool.exchange(body.toString("utf8")).reply.then((reply) => done(reply.status, reply.body), () => done(502, Buffer.alloc(0)));
}

if (mode === "relay") {
  net.createServer((client) => {
    const upstream = net.connect(upstreamPort, "127.0.0.1");
    client.pipe(upstream).pipe(client);
  }).listen(port, "127.0.0.1");
} else if (mode === "raw") {
  net.createServer((client) => {
    client.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const headEnd = pending.indexOf("\r\n\r\n");
      if (headEnd < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(pending.toString("latin1", 0, headEnd))?.[1] ?? 0);
      if (pending.length < headEnd + 4 + length) return;
      const body = pending.subarray(headEnd + 4, headEnd + 4 + length);
      pending = pending.subarray(headEnd + 4 + length);
      viaPool(body, (status, reply) => client.write(Buffer.concat([Buffer.from(`HTTP/1.1 ${status} OK\r\ncontent-type: application/json\r\ncontent-length: ${reply.length}\r\n\r\n`, "latin1"), reply])));
    });
  }).listen(port, "127.0.0.1");
} else {
  const forward = mode === "pool" ? viaPool : viaNodeHttp;
  http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => forward(Buffer.concat(chunks), (status, reply) => {
      response.writeHead(status, { "content-type": "application/json", "content-length": reply.length });
      response.end(reply);
    }));
  }).listen(port, "127.0.0.1");
}
