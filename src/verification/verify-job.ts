import type { VerificationConfig } from "../config/schema.ts";
import { verifierFromConfig, verifierFromTexts, type Verifier, type VerifierTexts } from "./verifier-from-config.ts";
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
  /** Digest of the policy and corpus texts the calling thread's checks were built from (`Verifier.sources`). */
  sources?: string;
  /**
   * Those texts themselves; the pool sends them with a worker's first job of each digest and leaves them off
   * after, so a corpus crosses to a worker once, not with every text.
   */
  texts?: VerifierTexts;
}

/** The environment entries `verifierFromConfig` reads for a config, so a worker builds the same checks. */
export function jobEnv(config: VerificationConfig, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const name = config.pii.salt_env;
  return name === undefined ? {} : { [name]: env[name] };
}

// A worker receives a fresh copy of the config with every job; one object per distinct config keeps
// `verifierFromConfig`'s cache (keyed by object) from re-reading the policy and corpus files each time.
const configs = new Map<string, VerificationConfig>();
// A worker's copies of the calling thread's rule texts, by digest, and the verifiers built from them per config.
const textsByDigest = new Map<string, VerifierTexts>();
const copies = new Map<string, Verifier>();

/**
 * The verdict on a job: the calling thread and the verification workers both compute it here, with the
 * same functions, so a verdict does not depend on where it was made. A job with a digest is judged by the
 * calling thread's own texts of the policy and corpus, never by what is on disk now: a file edited after the
 * process read it takes effect for both on restart, and nothing is refused meanwhile.
 *
 * @example
 * verifyJob({ phase: "request", text: "mail ann@example.com", config, env: {} }).decision // "redacted"
 */
export function verifyJob(job: VerificationJob): TextVerdict {
  const key = JSON.stringify([job.config, job.env]);
  if (job.sources === undefined) {
    const config = configs.get(key) ?? job.config;
    configs.set(key, config);
    return verdictWith(verifierFromConfig(config, job.env), job);
  }
  const sources = job.sources;
  if (job.texts !== undefined && !textsByDigest.has(sources)) textsByDigest.set(sources, job.texts);
  const texts = textsByDigest.get(sources);
  if (texts === undefined) throw new Error(`this worker has no copy of the rules with digest ${sources.slice(0, 12)}… (its first job of them came without their texts); the text is refused`);
  const copyKey = `${sources}\n${key}`;
  let verifier = copies.get(copyKey);
  if (verifier === undefined) {
    verifier = verifierFromTexts(job.config, job.env, texts);
    // Texts that do not hash to the digest they came with were damaged on the way: judge by nothing rather than by them.
    if (verifier.sources !== sources) {
      textsByDigest.delete(sources);
      throw new Error(`the policy and corpus texts sent to this worker do not match their digest (${sources.slice(0, 12)}…); the text is refused`);
    }
    copies.set(copyKey, verifier);
  }
  return verdictWith(verifier, job);
}

/**
 * The verdict with the config object as given: the calling thread's config is the engine's own, one object for
 * the process, so `verifierFromConfig`'s cache hits without serialising the config on every request.
 */
export function verifyJobWith(config: VerificationConfig, job: VerificationJob): TextVerdict {
  return verdictWith(verifierFromConfig(config, job.env), job);
}

function verdictWith(verifier: Verifier, job: VerificationJob): TextVerdict {
  return job.phase === "request" ? verifyRequestText(job.text, verifier.text) : verifyOutputText(job.text, verifier.text);
}
