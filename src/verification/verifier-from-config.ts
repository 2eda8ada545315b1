import { createHash } from "node:crypto";
import fs from "node:fs";
import type { VerificationConfig } from "../config/schema.ts";
import { CopyrightIndex } from "./copyright-check.ts";
import { parsePolicyText, readPolicySource } from "./load-policy.ts";
import type { Policy } from "./policy.ts";
import type { TextVerifierOptions } from "./verify-text.ts";

/** What the verification graph runs with, built once per config. */
export interface Verifier {
  enabled: boolean;
  policy?: Policy;
  text: TextVerifierOptions;
  /**
   * SHA-256 of the policy's rules and the copyright files as this verifier read them. A verification worker builds its own
   * verifier from the same paths; when its digest differs (a file edited after this process read it), it refuses
   * the text rather than judge it by rules the rest of the process does not use (verify-job.ts).
   */
  sources?: string;
  /** The texts {@link sources} digests, as this process read them: a worker builds its checks from these, not from disk. */
  texts?: VerifierTexts;
}

/** The policy file's text and the copyright corpus texts a verifier was built from. */
export interface VerifierTexts {
  policy?: string;
  corpus: string[];
}

const built = new WeakMap<object, Verifier>();

/**
 * Builds the text checks from the `verification:` config section (policy file, PII strategy, copyright
 * corpus files). Without the section, or with `enabled: false`, every check passes.
 */
export function verifierFromConfig(config: VerificationConfig | undefined, env: NodeJS.ProcessEnv = process.env): Verifier {
  if (config === undefined || !config.enabled) return { enabled: false, text: {} };
  const cached = built.get(config);
  if (cached !== undefined) return cached;
  const policy = config.policy === undefined ? undefined : readPolicySource(config.policy);
  const verifier = verifierFromTexts(config, env, { ...(policy === undefined ? {} : { policy }), corpus: (config.copyright?.corpus ?? []).map((file) => fs.readFileSync(file, "utf8")) });
  built.set(config, verifier);
  return verifier;
}

/**
 * Builds the text checks from texts already read (a worker gets them from the thread that read the files, so
 * both judge by the same rules even after the files change on disk). Not cached: callers keep what they build.
 */
export function verifierFromTexts(config: VerificationConfig, env: NodeJS.ProcessEnv | Record<string, string | undefined>, texts: VerifierTexts): Verifier {
  const policy = texts.policy === undefined ? undefined : parsePolicyText(texts.policy, config.policy);
  const corpus = texts.corpus;
  const digest = createHash("sha256");
  // The policy by its canonical hash (a comment or reformatting changes nothing), the corpus by its text.
  for (const text of [policy?.hash ?? "", ...corpus]) digest.update(`${text.length}:`).update(text);
  return {
    enabled: true,
    sources: digest.digest("hex"),
    texts,
    ...(policy === undefined ? {} : { policy }),
    text: {
      forbidden: policy?.forbidden ?? [],
      pii: { strategy: config.pii.strategy, ...(config.pii.kinds === undefined ? {} : { kinds: config.pii.kinds }), ...(config.pii.salt_env === undefined ? {} : { salt: env[config.pii.salt_env] ?? "" }) },
      ...(config.copyright === undefined || corpus.length === 0 ? {} : { copyright: new CopyrightIndex(corpus, { n: config.copyright.n, threshold: config.copyright.threshold }) }),
    },
  };
}
