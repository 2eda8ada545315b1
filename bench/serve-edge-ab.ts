/**
 * `SERVE_EDGE_AB_ROOTS=/work/wt-base,$PWD npx tsx bench/serve-edge-ab.ts`: the request edge of two or more
 * checkouts alone, in one process: a Hono app with each checkout's CORS and body-limit middlewares and a route
 * that reads its JSON body with that checkout's `readJson`, served by @hono/node-server, called by `fetch` with a
 * runs/wait body. No run, no rows: what is left is what the edge costs over Node's HTTP, so a cut there is not
 * lost in a graph's spread. Alternated call by call (the order rotated per call); prints CPU per call and wall
 * p50 per checkout and the paired difference to the first. SERVE_EDGE_AB_CALLS (default 4000) and
 * SERVE_EDGE_AB_PASSES (default 6) size it.
 */
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type * as BodyLimit from "../src/server/body-limit.ts";
import type * as Cors from "../src/server/cors.ts";
import type * as HttpError from "../src/server/http-error.ts";
import { median } from "./paired-blocks.ts";

const roots = (process.env.SERVE_EDGE_AB_ROOTS ?? process.cwd()).split(",").map((root) => path.resolve(root));
const CALLS = Number(process.env.SERVE_EDGE_AB_CALLS ?? 4000);
const PASSES = Number(process.env.SERVE_EDGE_AB_PASSES ?? 6);
const body = JSON.stringify({ assistant_id: "gateway", input: { request: { input: "x".repeat(400), deployment: "openai-gpt-4o-mini" } } });

async function open(root: string): Promise<{ url: string; close: () => void }> {
  const { requestBodyLimit } = (await import(path.join(root, "src/server/body-limit.ts"))) as typeof BodyLimit;
  const { corsMiddleware } = (await import(path.join(root, "src/server/cors.ts"))) as typeof Cors;
  const { readJson } = (await import(path.join(root, "src/server/http-error.ts"))) as typeof HttpError;
  const app = new Hono();
  for (const middleware of corsMiddleware(["localhost"])) app.use("*", middleware);
  app.use("*", requestBodyLimit(1_048_576));
  app.post("/runs/wait", async (context) => context.body(JSON.stringify({ got: Object.keys((await readJson(context)) as object).length }), 200, { "content-type": "application/json" }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/runs/wait`, close: () => void server.close() };
}

const servers = [];
for (const root of roots) servers.push(await open(root));
const call = async (url: string) => {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  await response.json();
};
for (let index = 0; index < 300; index++) for (const server of servers) await call(server.url);
const cpu = servers.map((): number[] => []);
const walls = servers.map((): number[] => []);
const loads: string[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  const spent = servers.map(() => 0);
  const passWalls = servers.map((): number[] => []);
  for (let index = 0; index < CALLS / PASSES; index++) {
    for (let offset = 0; offset < servers.length; offset++) {
      const which = (index + offset) % servers.length;
      const started = process.cpuUsage();
      const at = performance.now();
      await call(servers[which]?.url ?? "");
      passWalls[which]?.push(performance.now() - at);
      const used = process.cpuUsage(started);
      spent[which] = (spent[which] ?? 0) + (used.user + used.system) / 1000;
    }
  }
  spent.forEach((value, which) => cpu[which]?.push(value / (CALLS / PASSES)));
  passWalls.forEach((values, which) => walls[which]?.push(median(values)));
  loads.push(os.loadavg()[0]?.toFixed(1) ?? "?");
}
console.log(`load after each pass: ${loads.join(" ")}; ${CALLS} calls per checkout`);
roots.forEach((root, which) => {
  const own = cpu[which] ?? [];
  const versus = which === 0 ? "" : `; paired minus ${path.basename(roots[0] ?? "")}: CPU ${median(own.map((value, pass) => value - (cpu[0]?.[pass] ?? Number.NaN))).toFixed(4)} ms (per pass ${own.map((value, pass) => (value - (cpu[0]?.[pass] ?? Number.NaN)).toFixed(3)).join(" ")}), wall p50 ${median((walls[which] ?? []).map((value, pass) => value - (walls[0]?.[pass] ?? Number.NaN))).toFixed(4)} ms`;
  console.log(`${root}: CPU per call ${median(own).toFixed(4)} ms, wall p50 ${median(walls[which] ?? []).toFixed(4)} ms${versus}`);
});
for (const server of servers) server.close();
