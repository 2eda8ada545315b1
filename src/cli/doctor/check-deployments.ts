import type { DeploymentConfig } from "../../config/schema.ts";
import type { EmulatorUrls } from "../../backends/build-model.ts";
import { probeUrl } from "../../backends/health-probe.ts";
import { failed, passed, PROBE_TIMEOUT_MS, type DoctorFinding } from "./doctor-finding.ts";

export interface DeploymentProbeOptions {
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  emulators?: EmulatorUrls;
}

/** A deployment's probe: its finding, and the backend's clock (its Date header) when it answered. */
export interface DeploymentProbe {
  finding: DoctorFinding;
  backendDate?: { deployment: string; at: number };
}

function keyOf(deployment: DeploymentConfig, env: Record<string, string | undefined>): string | undefined {
  if (deployment.base_url === "emulator") return "emulator-key";
  return deployment.api_key_env === undefined ? undefined : env[deployment.api_key_env];
}

function headersFor(deployment: DeploymentConfig, key: string | undefined): Record<string, string> {
  if (key === undefined || key === "") return {};
  if (deployment.provider === "openai") return { authorization: `Bearer ${key}` };
  if (deployment.provider === "google-genai") return { "x-goog-api-key": key };
  return {};
}

/**
 * The cheapest authenticated read of one deployment (the health probe's: GET /models, /v1beta/models,
 * /api/tags): unreachable, refused key (401/403), any other non-2xx, or fine; never a chat call that costs tokens.
 */
export async function probeDeployment(deployment: DeploymentConfig, options: DeploymentProbeOptions): Promise<DeploymentProbe> {
  const check = `deployment ${deployment.id}`;
  const variable = deployment.api_key_env;
  const key = keyOf(deployment, options.env);
  if (deployment.base_url !== "emulator" && variable !== undefined && (key === undefined || key === "")) {
    return { finding: failed(check, `its key variable $${variable} is not set`, `export ${variable}=<your ${deployment.provider} key> before starting switchyard`) };
  }
  const url = probeUrl(deployment, options.emulators);
  if (url === undefined) return { finding: passed(check, "on the emulator (not started by this check)") };
  let response: Response;
  try {
    response = await options.fetch(url, { headers: headersFor(deployment, key), signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (error) {
    const detail = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${PROBE_TIMEOUT_MS} ms` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { finding: failed(check, `unreachable: GET ${url}: ${detail}`, `check deployments[${deployment.id}].base_url (${deployment.base_url}) and that the backend is running and reachable from this host`) };
  }
  await response.arrayBuffer().catch(() => undefined);
  const date = Date.parse(response.headers.get("date") ?? "");
  const backendDate = Number.isNaN(date) ? undefined : { deployment: deployment.id, at: date };
  const withDate = (finding: DoctorFinding): DeploymentProbe => (backendDate === undefined ? { finding } : { finding, backendDate });
  if (response.status === 401 || response.status === 403) {
    return withDate(failed(check, `the backend refused the key (HTTP ${response.status} from GET ${url})`, `put a valid ${deployment.provider} key in $${variable ?? "the variable named by api_key_env"} (and check it is for ${deployment.base_url})`));
  }
  if (!response.ok) return withDate(failed(check, `GET ${url} answered HTTP ${response.status}`, `check deployments[${deployment.id}].base_url points at the ${deployment.provider} API root`));
  return withDate(passed(check, `reachable and authenticated (GET ${url}: ${response.status})`));
}

/** Largest distance between this host's clock and a backend's, in ms, over the backends that sent a Date. */
export function clockSkewFinding(dates: readonly { deployment: string; at: number }[], now: number, limitMs: number): DoctorFinding {
  if (dates.length === 0) return passed("clock", "no real backend sent a Date header to compare with (emulators share this host's clock)");
  const worst = dates.reduce((far, date) => (Math.abs(date.at - now) > Math.abs(far.at - now) ? date : far));
  const skewMs = worst.at - now;
  // Date headers have one-second resolution: anything within the limit is the network, not the clock.
  if (Math.abs(skewMs) <= limitMs) return passed("clock", `within ${Math.ceil(Math.abs(skewMs) / 1000)} s of ${worst.deployment}'s clock`);
  const direction = skewMs > 0 ? "behind" : "ahead of";
  return failed("clock", `this host's clock is ${Math.round(Math.abs(skewMs) / 1000)} s ${direction} ${worst.deployment}'s (its HTTP Date header)`, "synchronise the clock (chrony, systemd-timesyncd or ntpd): cooldowns, leases and Retry-After all read it");
}
