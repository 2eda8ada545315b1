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
  const source = config.policy === undefined ? undefined : readPolicySource(config.policy);
  const policy = source === undefined || config.policy === undefined ? undefined : parsePolicyText(source, config.policy);
  const corpus = (config.copyright?.corpus ?? []).map((file) => fs.readFileSync(file, "utf8"));
  const digest = createHash("sha256");
  // The policy by its canonical hash (a comment or reformatting changes nothing), the corpus by its text.
  for (const text of [policy?.hash ?? "", ...corpus]) digest.update(`${text.length}:`).update(text);
  const verifier: Verifier = {
    enabled: true,
    sources: digest.digest("hex"),
    ...(policy === undefined ? {} : { policy }),
    text: {
      forbidden: policy?.forbidden ?? [],
      pii: { strategy: config.pii.strategy, ...(config.pii.kinds === undefined ? {} : { kinds: config.pii.kinds }), ...(config.pii.salt_env === undefined ? {} : { salt: env[config.pii.salt_env] ?? "" }) },
      ...(config.copyright === undefined || corpus.length === 0 ? {} : { copyright: new CopyrightIndex(corpus, { n: config.copyright.n, threshold: config.copyright.threshold }) }),
    },
  };
  built.set(config, verifier);
  return verifier;
}
