/**
 * The processes of the fast-path bench: a loopback OpenAI-compatible upstream that answers at once, the
 * Portkey gateway from node_modules, and `switchyard serve` on a config whose one deployment is that
 * upstream. Each runs in its own process group, so the bench stops only what it started.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startChildServer, type ChildServer } from "./serve-throughput.ts";

/** Spawns `args` with `node`, waits until GET `readyPath` answers any HTTP status. */
export function spawnServer(name: string, args: (port: number) => string[], readyPath: string, env: Record<string, string> = {}): Promise<ChildServer> {
  return startChildServer(name, process.execPath, args, env, readyPath);
}

/**
 * The upstream: one fixed chat.completion (with usage) for every POST, as fast as node:http answers; a
 * request with `"stream":true` (the graph path's ChatOpenAI streams) gets the same answer as SSE chunks.
 */
export function startUpstream(content: string): Promise<ChildServer> {
  const usage = { prompt_tokens: 20, completion_tokens: 30, total_tokens: 50 };
  const body = JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion", created: 1, model: "bench-model", choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }], usage });
  const chunk = (delta: object, finish: string | null, extra: object = {}) => `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1, model: "bench-model", choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`;
  const stream = chunk({ role: "assistant", content: "" }, null) + chunk({ content }, null) + chunk({}, "stop") + `data: ${JSON.stringify({ id: "chatcmpl-bench", object: "chat.completion.chunk", created: 1, model: "bench-model", choices: [], usage })}\n\ndata: [DONE]\n\n`;
  const source = `const http=require("node:http");const body=${JSON.stringify(body)};const stream=${JSON.stringify(stream)};http.createServer((req,res)=>{const chunks=[];req.on("data",c=>chunks.push(c));req.on("end",()=>{const sse=Buffer.concat(chunks).toString().includes('"stream":true');const out=sse?stream:body;res.writeHead(200,{"content-type":sse?"text/event-stream":"application/json","content-length":Buffer.byteLength(out)});res.end(out);});}).listen(Number(process.argv[1]),"127.0.0.1");`;
  return spawnServer("upstream", (port) => ["-e", source, String(port)], "/");
}

/** The Portkey gateway's own server (build/start-server.js), headless, production mode (no console UI). */
export function startPortkey(): Promise<ChildServer> {
  const bin = path.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
  return spawnServer("portkey", (port) => [bin, `--port=${port}`, "--headless"], "/", { NODE_ENV: "production" });
}

/** `switchyard serve` with one OpenAI-compatible deployment on the upstream, in group `chat`. */
export function startSwitchyard(upstreamUrl: string): Promise<ChildServer> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-fast-path-"));
  const config = path.join(folder, "switchyard.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      version: 1,
      deployments: [{ id: "upstream", provider: "openai", model: "bench-model", base_url: `${upstreamUrl}/v1`, api_key_env: "FAST_PATH_BENCH_KEY", price: { input_per_1m: 0.15, output_per_1m: 0.6 }, limits: { max_concurrent: 64 } }],
      model_groups: [{ name: "chat", deployments: ["upstream"] }],
      requests: { model_group: "chat" },
      output_modes: { policy: "fixed", defaults: { openai: "emit", "google-genai": "emit", ollama: "emit" } },
    }),
  );
  const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
  return spawnServer("switchyard", (port) => [tsx, "src/cli/main.ts", "serve", "--port", String(port), "--config", config, "--checkpoints", path.join(folder, "state.db")], "/ok", { FAST_PATH_BENCH_KEY: "sk-bench" });
}

/**
 * The floor under any proxy built on node:http: a server that forwards each body to the upstream through a
 * keep-alive node:http client and returns the reply, with no parsing, routing or bookkeeping. Its overhead
 * is what Node's HTTP server and client cost on this machine; the fast path's overhead above it is ours.
 */
export function startBareProxy(upstreamUrl: string): Promise<ChildServer> {
  const { hostname, port } = new URL(upstreamUrl);
  const source = `const http=require("node:http");const agent=new http.Agent({keepAlive:true,maxSockets:256});http.createServer((req,res)=>{const chunks=[];req.on("data",c=>chunks.push(c));req.on("end",()=>{const body=Buffer.concat(chunks);const up=http.request({method:"POST",hostname:${JSON.stringify(hostname)},port:${Number(port)},path:"/v1/chat/completions",agent,headers:{"content-type":"application/json","content-length":body.length}},(reply)=>{const out=[];reply.on("data",c=>out.push(c));reply.on("end",()=>{const text=Buffer.concat(out);res.writeHead(reply.statusCode,{"content-type":"application/json","content-length":text.length});res.end(text);});});up.on("error",()=>res.destroy());up.end(body);});}).listen(Number(process.argv[1]),"127.0.0.1");`;
  return spawnServer("bare node:http proxy", (listenPort) => ["-e", source, String(listenPort)], "/");
}
