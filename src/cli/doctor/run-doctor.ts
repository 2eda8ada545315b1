import type { EmulatorUrls } from "../../backends/build-model.ts";
import { ConfigError, ConfigNotFoundError } from "../../config/config-error.ts";
import { loadConfig } from "../../config/load.ts";
import type { SwitchyardConfig } from "../../config/schema.ts";
import { checkGuardian } from "./check-guardian.ts";
import { clockSkewFinding, probeDeployment } from "./check-deployments.ts";
import { checkPostgres, checkRedis } from "./check-services.ts";
import { checkCheckpointFile, checkDisk, statfsReader, type DiskReader } from "./check-storage.ts";
import { failed, passed, type DoctorFinding } from "./doctor-finding.ts";

export interface DoctorOptions {
  /** switchyard.yaml; else the built-in default. */
  configPath?: string;
  /** Overrides the config's checkpoints.url (the CLI's --checkpoints). */
  checkpoints?: string;
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
  now?: () => number;
  readDisk?: DiskReader;
  /** Starts the emulators for a config whose deployments are `base_url: emulator` (the CLI passes the launcher). */
  startEmulators?: () => Promise<{ urls: EmulatorUrls; close(): Promise<void> }>;
  /** Largest clock difference with a backend that passes; default 10 s (Date headers have 1 s resolution). */
  clockSkewLimitMs?: number;
}

/**
 * `switchyard doctor`'s checks, in the order an operator would troubleshoot: the config; each deployment's
 * reachability and key (a cheap authenticated GET, never a paid call); the checkpoint file's integrity and
 * format; Postgres and Redis when configured; the clock against the backends' Date headers; free disk; the
 * guardian's open incidents. Every failure carries its fix. Nothing is written, except the event-log tables
 * the guardian creates when the file or the Postgres schema has none yet.
 *
 * @example
 * const findings = await runDoctor({ configPath: "switchyard.yaml" });
 * const healthy = findings.every((finding) => finding.ok);
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorFinding[]> {
  const now = options.now ?? Date.now;
  let config: SwitchyardConfig;
  let source: string;
  try {
    ({ config, source } = loadConfig(options.configPath));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => failed("config", `${[problem.location, problem.path].filter(Boolean).join(" ")}: ${problem.message}${problem.value === undefined ? "" : ` (got ${JSON.stringify(problem.value)})`}`, problem.fix));
    if (error instanceof ConfigNotFoundError) return [failed("config", error.message, "pass --config with the path of an existing switchyard.yaml, or none for the built-in default")];
    throw error;
  }
  const checkpointsUrl = options.checkpoints ?? config.checkpoints.url;
  const findings: DoctorFinding[] = [passed("config", `${source}: valid (${config.deployments.length} deployments, ${config.model_groups.length} model groups)`)];
  const emulated = config.deployments.some((deployment) => deployment.base_url === "emulator");
  const emulators = emulated && options.startEmulators ? await options.startEmulators() : undefined;
  try {
    const probes = await Promise.all(config.deployments.map((deployment) => probeDeployment(deployment, { env: options.env ?? process.env, fetch: options.fetch ?? fetch, ...(emulators ? { emulators: emulators.urls } : {}) })));
    findings.push(...probes.map((probe) => probe.finding));
    findings.push(checkCheckpointFile(checkpointsUrl));
    if (/^postgres(ql)?:\/\//.test(checkpointsUrl)) findings.push(await checkPostgres(checkpointsUrl));
    if (config.routing_state?.backend === "redis") {
      const url = config.routing_state.url;
      findings.push(url === undefined ? failed("redis", "routing_state.backend is redis but routing_state.url is missing", "add routing_state.url: redis://HOST:6379") : await checkRedis(url));
    }
    // The emulators share this host's clock: only real backends say anything about skew.
    const dates = probes.flatMap((probe, index) => (probe.backendDate === undefined || config.deployments[index]?.base_url === "emulator" ? [] : [probe.backendDate]));
    findings.push(clockSkewFinding(dates, now(), options.clockSkewLimitMs ?? 10_000));
    findings.push(await checkDisk(checkpointsUrl, options.readDisk ?? statfsReader));
    findings.push(...(await checkGuardian(checkpointsUrl, now(), config.server.storage_schema)));
  } finally {
    await emulators?.close();
  }
  return findings;
}
