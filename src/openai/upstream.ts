import http, { type RequestOptions } from "node:http";
import https from "node:https";
import type { EmulatorUrls } from "../backends/build-model.ts";
import { MissingApiKeyError } from "../backends/build-model.ts";
import type { DeploymentConfig } from "../config/schema.ts";
import { OpenAIRequestError } from "./openai-error.ts";
import { UpstreamPool } from "./upstream-pool.ts";

/** Where an OpenAI-compatible deployment's Chat Completions endpoint is, and the headers it needs. */
export interface Upstream {
  url: string;
  headers: Record<string, string>;
  /** The request options, parsed once: parsing the URL per call showed in profiles. */
  options: RequestOptions;
  /**
   * The non-streamed exchanges' own keep-alive connections, for plain http upstreams (local and LAN servers,
   * where the client's cost shows). https upstreams and streams go through node:http(s) and `options`.
   */
  pool: UpstreamPool | undefined;
}

/** Keep-alive agents: a new TCP connection per proxied call would cost more than the whole fast path. */
export const upstreamAgents = { http: new http.Agent({ keepAlive: true, maxSockets: 256 }), https: new https.Agent({ keepAlive: true, maxSockets: 256 }) };

/** Same key the LangChain clients send the emulators (src/backends/build-model.ts). */
const EMULATOR_KEY = "emulator-key";

/**
 * The upstream of each OpenAI deployment, resolved once per deployment the way `buildChatModel` resolves
 * its client (`base_url: emulator` → the running emulator; the key from the env variable the config names).
 */
export class Upstreams {
  readonly #cache = new Map<string, Upstream>();
  readonly #emulators: EmulatorUrls | undefined;
  readonly #env: Record<string, string | undefined>;

  constructor(options: { emulators?: EmulatorUrls | undefined; env?: Record<string, string | undefined> } = {}) {
    this.#emulators = options.emulators;
    this.#env = options.env ?? process.env;
  }

  of(deployment: DeploymentConfig): Upstream {
    let found = this.#cache.get(deployment.id);
    if (found !== undefined) return found;
    const onEmulator = deployment.base_url === "emulator";
    const base = onEmulator ? this.#emulators?.openai : deployment.base_url;
    if (base === undefined) throw new OpenAIRequestError({ status: 500, code: "config_invalid", message: `deployment ${deployment.id} uses base_url: emulator but no emulator is running. Fix: start switchyard with its emulators, or give the deployment a real base_url.` });
    let key = onEmulator ? EMULATOR_KEY : "";
    if (!onEmulator && deployment.api_key_env !== undefined) {
      const value = this.#env[deployment.api_key_env];
      if (value === undefined || value === "") throw new MissingApiKeyError(deployment.id, deployment.api_key_env);
      key = value;
    }
    const url = new URL(`${base.replace(/\/$/, "")}/chat/completions`);
    const headers = { "content-type": "application/json", ...(key === "" ? {} : { authorization: `Bearer ${key}` }) };
    const secure = url.protocol === "https:";
    const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const port = url.port === "" ? (secure ? 443 : 80) : Number(url.port);
    const path = `${url.pathname}${url.search}`;
    const options: RequestOptions = { method: "POST", protocol: url.protocol, hostname, port, path, headers, agent: secure ? upstreamAgents.https : upstreamAgents.http };
    const pool = secure ? undefined : new UpstreamPool({ hostname, port, path, headers });
    found = { url: url.toString(), headers, options, pool };
    this.#cache.set(deployment.id, found);
    return found;
  }
}
