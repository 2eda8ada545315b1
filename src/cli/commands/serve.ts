import { commandFlags } from "../command-flags.ts";
import { emulatorLauncher } from "../../emulators/index.ts";
import { graphIds } from "../../../graphs/all-graphs.ts";
import { createGateway } from "../../../graphs/create-gateway.ts";
import { createServer, type A2aServeOptions } from "../../server/index.ts";
import { tokenizerChoice } from "../../memory/index.ts";
import { warmModelCounters, warmTokenCounters, type ExactTokenizer } from "../../tokens/index.ts";
import { intFlag, parseCommandArgs, UsageError } from "../args.ts";

/** The LangGraph Studio address that opens a local server. */
export function studioUrl(serverUrl: string): string {
  return `https://smith.langchain.com/studio/?baseUrl=${serverUrl}`;
}

/**
 * `switchyard serve [--port 2024] [--host 127.0.0.1] [--config FILE] [--checkpoints URL]`: the LangGraph API
 * over every graph of langgraph.json, on switchyard's persistence, until Ctrl-C.
 */
export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs("serve", argv, commandFlags.serve);
  const gateway = await createGateway({
    emulators: emulatorLauncher({ thread: "worker" }),
    ...(values.config ? { configPath: values.config } : {}),
    ...(values.checkpoints ? { checkpoints: values.checkpoints } : {}),
  });
  const serverConfig = gateway.engine.config.server;
  const port = values.port === "0" ? 0 : intFlag("serve", "port", values.port, serverConfig.port);
  if (port > 65_535) throw new UsageError(`switchyard serve: --port must be at most 65535, got ${port}.`);
  const host = values.host ?? serverConfig.host;
  const server = createServer({ gateway, config: serverConfig, ...(values.a2a ? { a2a: { ...a2aOptionsFrom(values), events: gateway.engine.guardian.log } } : {}) });
  // Built here, not inside the first request that counts tokens, where building held the event loop 0.7 s.
  warmTokenCounters();
  // The deployments' own tokenizers too (Gemini's takes about 2 s); a model without one is counted by estimate, said once here.
  const tokenizers: ExactTokenizer[] = [];
  for (const deployment of gateway.engine.config.deployments) {
    const choice = tokenizerChoice(deployment.provider, deployment.model);
    if (choice.tokenizer !== "estimate") tokenizers.push(choice.tokenizer);
    if (choice.note !== undefined) console.log(`switchyard serve: deployment ${deployment.id}: ${choice.note}`);
  }
  warmModelCounters(tokenizers);
  const listening = await server.serve({ port, host });
  console.log(`switchyard serve: LangGraph API on ${listening.url} (storage ${gateway.persistence.describe}${gateway.persistence.describe === "postgres" ? `: checkpoints, threads, runs, crons, assistants, A2A tasks, thread TTLs, virtual keys; server tables in schema ${serverConfig.storage_schema ?? "public"}` : ""})`);
  console.log(`Assistants: ${graphIds.join(", ")} (every graph of langgraph.json)`);
  console.log(`Studio: ${studioUrl(listening.url)}`);
  console.log(`OpenAI-compatible: ${listening.url}/v1 (chat/completions, responses, models; keys: switchyard keys create)`);
  if (values.a2a) console.log(`A2A: agents ${listening.url}/a2a/agents  JWKS ${listening.url}/a2a/jwks.json  trusted peers: ${(values["a2a-peer"] ?? []).join(", ") || "none (every call refused)"}`);
  console.log(`Health ${listening.url}/health  Metrics ${listening.url}/metrics  Ctrl-C stops it.`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  await shutDown({ graceMs: serverConfig.shutdown_grace_ms, signal, stopListening: () => listening.close(), stopRuns: () => server.close(), closeGateway: () => gateway.close() });
}

/**
 * `--a2a-peer URL` trusts the switchyard agent at URL: its tokens' issuer is `URL/a2a` and its keys are
 * read from `URL/a2a/jwks.json`. Keys persist in `--a2a-keys` (default .switchyard/a2a-keys.json). Refusals
 * and new peers go to the guardian's event log (`switchyard events --category security` lists them).
 */
function a2aOptionsFrom(values: { "a2a-peer"?: string[]; "a2a-keys"?: string; "a2a-url"?: string }): A2aServeOptions {
  const peers = (values["a2a-peer"] ?? []).map((url) => {
    const base = url.replace(/\/+$/, "");
    if (!/^https?:\/\//.test(base)) throw new UsageError(`switchyard serve: --a2a-peer must be an http(s) URL, got "${url}".`);
    return { issuer: `${base}/a2a`, jwksUrl: `${base}/a2a/jwks.json` };
  });
  return { peers, keysPath: values["a2a-keys"] ?? ".switchyard/a2a-keys.json", ...(values["a2a-url"] ? { publicUrl: values["a2a-url"] } : {}) };
}

/**
 * Stops `serve` promptly: stop listening and drop every connection (keep-alive and streaming ones included),
 * abort the runs in flight (each is recorded `interrupted`), close the gateway. A second signal, or the grace
 * period plus two seconds, exits at once; a run still unsettled then is left to crash recovery on the next
 * start. Clients that keep sockets to backends alive (4 s by default in undici) no longer hold the process:
 * once closed, it exits.
 */
interface ShutdownOptions {
  graceMs: number;
  signal: NodeJS.Signals;
  stopListening: () => Promise<void>;
  stopRuns: () => Promise<void>;
  closeGateway: () => Promise<void>;
}

async function shutDown(options: ShutdownOptions): Promise<void> {
  console.log(`switchyard serve: ${options.signal}, stopping (runs in flight are interrupted; a second signal exits at once).`);
  const forceExit = (code: number) => () => {
    console.error(`switchyard serve: exiting before shutdown finished (code ${code}).`);
    process.exit(code);
  };
  process.once("SIGINT", forceExit(130));
  process.once("SIGTERM", forceExit(143));
  setTimeout(forceExit(1), options.graceMs + 2_000).unref();
  await options.stopListening();
  // Runs get the grace period to settle after their abort; the rest of shutdown does not wait longer.
  await Promise.race([options.stopRuns(), new Promise<void>((resolve) => setTimeout(resolve, options.graceMs).unref())]);
  await options.closeGateway();
  // Anything still holding the event loop now (idle keep-alive sockets of backend clients) is not ours to wait for.
  setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
}
