import type { VerificationConfig } from "../config/schema.ts";
import { verifierFromConfig } from "./verifier-from-config.ts";
import { verifyOutputText, verifyRequestText, type TextVerdict } from "./verify-text.ts";

/**
 * One text to verify, as plain data: it crosses to a worker thread by structured clone, so it names the
 * config the checks are built from rather than carrying them (a copyright index is a class with a Map).
 */
export interface VerificationJob {
  phase: "request" | "output";
  text: string;
  config: VerificationConfig;
  /** The environment the config reads (the hash salt's variable); the worker's own copy may be older. */
  env: Record<string, string | undefined>;
  /** Digest of the policy and corpus files the calling thread's checks were built from (`Verifier.sources`). */
  sources?: string;
}

/** The environment entries `verifierFromConfig` reads for a config, so a worker builds the same checks. */
export function jobEnv(config: VerificationConfig, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const name = config.pii.salt_env;
  return name === undefined ? {} : { [name]: env[name] };
}

// A worker receives a fresh copy of the config with every job; one object per distinct config keeps
// `verifierFromConfig`'s cache (keyed by object) from re-reading the policy and corpus files each time.
const configs = new Map<string, VerificationConfig>();

/**
 * The verdict on a job: the calling thread and the verification workers both compute it here, with the
 * same functions, so a verdict does not depend on where it was made.
 *
 * @example
 * verifyJob({ phase: "request", text: "mail ann@example.com", config, env: {} }).decision // "redacted"
 */
export function verifyJob(job: VerificationJob): TextVerdict {
  const key = JSON.stringify([job.config, job.env]);
  const config = configs.get(key) ?? job.config;
  configs.set(key, config);
  const built = verifierFromConfig(config, job.env).sources;
  // Same paths, other contents: the file was edited after the calling thread read it. Judging by the edited rules
  // would enforce two policies at once in one process; the caller refuses the text instead (fails closed).
  if (job.sources !== undefined && built !== undefined && built !== job.sources) {
    throw new Error(`the policy or copyright files (${[config.policy, ...(config.copyright?.corpus ?? [])].filter(Boolean).join(", ")}) changed on disk after this process read them; restart switchyard to apply the edited files`);
  }
  return verifyJobWith(config, job);
}

/**
 * The verdict with the config object as given: the calling thread's config is the engine's own, one object for
 * the process, so `verifierFromConfig`'s cache hits without serialising the config on every request.
 */
export function verifyJobWith(config: VerificationConfig, job: VerificationJob): TextVerdict {
  const verifier = verifierFromConfig(config, job.env);
  return job.phase === "request" ? verifyRequestText(job.text, verifier.text) : verifyOutputText(job.text, verifier.text);
}
