import type { DeploymentConfig } from "../config/schema.ts";
import { SwitchyardError } from "../errors.ts";
import type { EmulatorUrls } from "./build-model.ts";

export interface HealthProbeOptions {
  /** Where the emulators listen, for deployments with `base_url: emulator`. */
  emulators?: EmulatorUrls;
  env?: Record<string, string | undefined>;
  /** Per probe; the HealthMonitor also races its own timeout. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A probe that did not pass: which deployment, which URL, and what came back. */
export class HealthProbeError extends SwitchyardError {
  readonly deployment: string;
  readonly url: string;
  readonly status: number | undefined;

  constructor(deployment: string, url: string, status: number | undefined, detail: string, cause?: unknown) {
    super(
      "backend_error",
      `health probe of ${deployment} (GET ${url}) failed: ${detail}. Fix: check the deployment's base_url and key, or that the backend is up.`,
      cause === undefined ? {} : { cause },
    );
    this.deployment = deployment;
    this.url = url;
    this.status = status;
  }
}

function baseOf(deployment: DeploymentConfig, emulators: EmulatorUrls | undefined): string | undefined {
  if (deployment.base_url !== "emulator") return deployment.base_url.replace(/\/+$/, "");
  if (emulators === undefined) return undefined;
  return deployment.provider === "openai" ? emulators.openai : deployment.provider === "google-genai" ? emulators.gemini : emulators.ollama;
}

/**
 * The cheapest authenticated read each provider offers: OpenAI `GET {base}/models`, Gemini
 * `GET {base}/v1beta/models`, Ollama `GET {base}/api/tags`. Undefined for an emulated deployment with no
 * emulator running.
 */
export function probeUrl(deployment: DeploymentConfig, emulators?: EmulatorUrls): string | undefined {
  const base = baseOf(deployment, emulators);
  if (base === undefined) return undefined;
  switch (deployment.provider) {
    case "openai":
      return `${base}/models`;
    case "google-genai":
      return `${base}/v1beta/models`;
    case "ollama":
      return `${base}/api/tags`;
  }
}

function headersFor(deployment: DeploymentConfig, env: Record<string, string | undefined>): Record<string, string> {
  const key = deployment.base_url === "emulator" ? "emulator-key" : deployment.api_key_env === undefined ? undefined : env[deployment.api_key_env];
  if (key === undefined || key === "") return {};
  if (deployment.provider === "openai") return { authorization: `Bearer ${key}` };
  if (deployment.provider === "google-genai") return { "x-goog-api-key": key };
  return {};
}

/**
 * Builds the probe a HealthMonitor calls: a real HTTP GET per provider, true on 2xx, a HealthProbeError
 * (status, URL) otherwise, so /health shows why a deployment is out.
 *
 * @example
 * const health = new HealthMonitor({ deployments: config.deployments, probe: createHealthProbe({ emulators: running.urls }) });
 */
export function createHealthProbe(options: HealthProbeOptions = {}): (deployment: DeploymentConfig) => Promise<boolean> {
  const env = options.env ?? process.env;
  const fetcher = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (deployment) => {
    const url = probeUrl(deployment, options.emulators);
    // An emulated deployment with no emulator: nothing to probe, and selection should not punish it.
    if (url === undefined) return true;
    let response: Response;
    try {
      response = await fetcher(url, { headers: headersFor(deployment, env), signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const detail = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : String(error instanceof Error ? error.message : error);
      throw new HealthProbeError(deployment.id, url, undefined, detail, error);
    }
    // The body is not needed; drain it so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new HealthProbeError(deployment.id, url, response.status, `HTTP ${response.status}`);
    return true;
  };
}
