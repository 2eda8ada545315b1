/**
 * Runs the A2A test kit (a2aproject/a2a-tck, branch 0.3.x: the v0.3 JSON-RPC binding) against every agent
 * `switchyard serve --a2a` serves, and writes `.switchyard/bench/a2a-tck.json` (passed / failed / skipped per
 * category per agent, and the failing test ids).
 *
 *   A2A_TCK_DIR=/work/a2a-tck npx tsx scripts/a2a-tck.ts
 *
 * Options (environment): `A2A_TCK_CATEGORIES` (default `mandatory,capabilities,quality,features`),
 * `A2A_TCK_AGENTS` (default every agent of `/a2a/agents`), `A2A_TCK_K` (a pytest `-k` expression, to rerun a
 * few), `A2A_TCK_OUT` (another summary file), `A2A_TCK_SIGN_EXTENDED_CARD=1` (see unsignedMethods),
 * `A2A_TCK_PYTHON` (default `/usr/bin/python3`, with Debian's pytest, pytest-asyncio, httpx, requests...).
 *
 * Authentication: the kit sends no credentials (it has no option for them), and our agents accept only
 * trusted peers' agent tokens. So the kit calls the agents through a loopback front that plays a trusted
 * peer: it adds a fresh ES256 agent token (its issuer is a second loopback listener publishing the peer's
 * JWKS, trusted with `--a2a-peer`; the body's digest in `bdh` when the body is JSON) to each request that
 * has no Authorization header, and passes a request that has one through untouched, so the kit's
 * invalid-token probes meet the real gate (and, by default, the extended-card call: see unsignedMethods).
 * `serve` runs with `--a2a-url` set to the front, as behind any
 * reverse proxy, so the cards name the URL the kit calls. Not run in CI: the kit is not there.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { AgentKeyRing, bodyDigest, issueAgentToken } from "../src/a2a/index.ts";

const categoryTests: Record<string, { path: string; markers?: string }> = {
  // The kit's own category map (run_tck.py), so the counts are those `run_tck.py --category C` reports.
  mandatory: { path: "tests/mandatory/", markers: "mandatory_jsonrpc or mandatory_protocol" },
  capabilities: { path: "tests/optional/capabilities/" },
  quality: { path: "tests/optional/quality/" },
  features: { path: "tests/optional/features/" },
};

interface CategoryResult {
  at?: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    resolve(`http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`);
  }));
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** The parsed JSON body, or undefined when it is not JSON (the kit sends malformed JSON on purpose). */
function jsonOf(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The kit's mandatory tests call the extended card as a caller without credentials (both expect an
 * authentication error), so the front leaves that call as the kit sent it, for the gate to refuse. Its
 * capabilities auth tests read the security schemes from that same call and skip without them:
 * `A2A_TCK_SIGN_EXTENDED_CARD=1` signs it, and those run while the mandatory refusal test fails.
 */
const unsignedMethods = new Set(process.env.A2A_TCK_SIGN_EXTENDED_CARD === "1" ? [] : ["agent/getAuthenticatedExtendedCard"]);

/** The front the kit calls: signs what carries no credentials, forwards all to `serve`, streams answers back. */
function signingFront(ring: AgentKeyRing, issuer: string, publicUrl: () => string, target: () => string, agent: () => string): http.Server {
  return http.createServer((request, response) => {
    void (async () => {
      // The kit reads the card at the origin's well-known path; each run's origin stands for the agent under test.
      if (request.url === "/.well-known/agent-card.json") request.url = `/a2a/${agent()}/.well-known/agent-card.json`;
      const body = await readBody(request);
      const headers: http.OutgoingHttpHeaders = { ...request.headers };
      delete headers.host;
      const graph = /^\/a2a\/([^/?]+)/.exec(request.url ?? "")?.[1];
      const json = jsonOf(body);
      const method = typeof json === "object" && json !== null && "method" in json ? json.method : undefined;
      if (headers.authorization === undefined && graph !== undefined && !["agents", "jwks.json"].includes(graph) && !(typeof method === "string" && unsignedMethods.has(method))) {
        const digest = json === undefined ? undefined : bodyDigest(json);
        const { token } = await issueAgentToken({ key: await ring.signingKey(), issuer, audience: `${publicUrl()}/a2a/${graph}`, now: Date.now, ...(digest === undefined ? {} : { bodyDigest: digest }) });
        headers.authorization = `Bearer ${token}`;
      }
      const upstream = http.request(`${target()}${request.url ?? "/"}`, { method: request.method, headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on("error", (error) => {
        if (!response.headersSent) response.writeHead(502);
        response.end(String(error));
      });
      upstream.end(body);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`switchyard serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("switchyard serve did not answer /health within 120 s");
}

/** Counts a JUnit XML report's test cases by outcome (pytest writes one with --junitxml). */
export function countJunit(xml: string): CategoryResult {
  const result: CategoryResult = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const match of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const attributes = match[1] ?? "";
    const inner = match[3] ?? "";
    const id = `${/\bclassname="([^"]*)"/.exec(attributes)?.[1] ?? ""}::${/\sname="([^"]*)"/.exec(` ${attributes}`)?.[1] ?? ""}`;
    if (/<(failure|error)\b/.test(inner)) {
      result.failed++;
      result.failures.push(id);
    } else if (/<skipped\b/.test(inner)) result.skipped++;
    else result.passed++;
  }
  return result;
}

function runCategory(tckDir: string, python: string, sutUrl: string, category: string, junit: string): Promise<void> {
  const spec = categoryTests[category];
  if (spec === undefined) throw new Error(`A2A_TCK_CATEGORIES: unknown category "${category}". Fix: use ${Object.keys(categoryTests).join(", ")}.`);
  const args = ["-m", "pytest", spec.path, `--sut-url=${sutUrl}`, "--test-scope=all", "--tb=short", "-q", "-p", "no:cacheprovider", `--junitxml=${junit}`, "--transport-strategy", "prefer_jsonrpc", "--transports", "jsonrpc"];
  if (spec.markers !== undefined) args.push("-m", spec.markers);
  if (process.env.A2A_TCK_K) args.push("-k", process.env.A2A_TCK_K);
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { cwd: tckDir, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    child.once("error", reject);
    child.once("exit", () => resolve());
  });
}

async function main(): Promise<void> {
  const tckDir = process.env.A2A_TCK_DIR;
  if (!tckDir || !fs.existsSync(path.join(tckDir, "run_tck.py"))) throw new Error(`A2A_TCK_DIR must name a checkout of a2aproject/a2a-tck (branch 0.3.x), got "${tckDir ?? ""}". Fix: A2A_TCK_DIR=/path/to/a2a-tck npx tsx scripts/a2a-tck.ts`);
  const python = process.env.A2A_TCK_PYTHON ?? "/usr/bin/python3";
  const categories = (process.env.A2A_TCK_CATEGORIES ?? "mandatory,capabilities,quality,features").split(",").map((item) => item.trim()).filter(Boolean);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-tck-"));

  const ring = await AgentKeyRing.open();
  const identity = http.createServer((request, response) => {
    response.writeHead(request.url === "/a2a/jwks.json" ? 200 : 404, { "content-type": "application/json" });
    response.end(request.url === "/a2a/jwks.json" ? JSON.stringify(ring.jwks()) : "{}");
  });
  const peerUrl = await listen(identity);
  const servePort = await freePort();
  const serveUrl = `http://127.0.0.1:${servePort}`;
  let frontUrl = "";
  let current = "";
  const front = signingFront(ring, `${peerUrl}/a2a`, () => frontUrl, () => serveUrl, () => current);
  frontUrl = await listen(front);

  const child = spawn("npx", ["tsx", "src/cli/main.ts", "serve", "--a2a", "--host", "127.0.0.1", "--port", String(servePort), "--checkpoints", path.join(work, "tck.db"), "--a2a-keys", path.join(work, "a2a-keys.json"), "--a2a-peer", peerUrl, "--a2a-url", frontUrl], { stdio: ["ignore", fs.openSync(path.join(work, "serve.log"), "a"), fs.openSync(path.join(work, "serve.log"), "a")], detached: true });
  const summary: Record<string, Record<string, CategoryResult>> = {};
  try {
    await waitForHealth(serveUrl, child);
    const listed = (await (await fetch(`${frontUrl}/a2a/agents`)).json()) as { agents: { name: string }[] };
    const agents = process.env.A2A_TCK_AGENTS ? process.env.A2A_TCK_AGENTS.split(",") : listed.agents.map((agent) => agent.name);
    for (const agent of agents) {
      current = agent;
      summary[agent] = {};
      for (const category of categories) {
        const junit = path.join(work, `${agent}-${category}.xml`);
        console.log(`\n== ${agent} / ${category}`);
        await runCategory(tckDir, python, `${frontUrl}/a2a/${agent}`, category, junit);
        const counts = fs.existsSync(junit) ? countJunit(fs.readFileSync(junit, "utf8")) : { passed: 0, failed: 0, skipped: 0, failures: ["(no report: pytest did not run)"] };
        summary[agent][category] = { at: new Date().toISOString(), ...counts };
        console.log(`${agent} / ${category}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
      }
    }
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    front.close();
    identity.close();
  }
  const file = process.env.A2A_TCK_OUT ?? path.join(".switchyard", "bench", "a2a-tck.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A narrowed rerun (some agents or categories) replaces those entries and keeps the others.
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { agents?: Record<string, Record<string, CategoryResult>> }).agents ?? {} : {};
  const merged = { ...previous };
  for (const [agent, byCategory] of Object.entries(summary)) merged[agent] = { ...(merged[agent] ?? {}), ...byCategory };
  fs.writeFileSync(file, `${JSON.stringify({ kit: "a2aproject/a2a-tck 0.3.x", binding: "JSONRPC 0.3", at: new Date().toISOString(), serveLog: path.join(work, "serve.log"), agents: merged }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
  for (const [agent, byCategory] of Object.entries(summary)) console.log(`${agent}: ${Object.entries(byCategory).map(([category, counts]) => `${category} ${counts.passed}/${counts.failed}/${counts.skipped}`).join("  ")}  (passed/failed/skipped)`);
}

await main();
