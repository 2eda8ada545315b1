import fs from "node:fs";
import type { VerificationConfig } from "../config/schema.ts";
import { CopyrightIndex } from "./copyright-check.ts";
import { loadPolicyFile } from "./load-policy.ts";
import type { Policy } from "./policy.ts";
import type { TextVerifierOptions } from "./verify-text.ts";

/** What the verification graph runs with, built once per config. */
export interface Verifier {
  enabled: boolean;
  policy?: Policy;
  text: TextVerifierOptions;
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
  const policy = config.policy === undefined ? undefined : loadPolicyFile(config.policy);
  const corpus = (config.copyright?.corpus ?? []).map((file) => fs.readFileSync(file, "utf8"));
  const verifier: Verifier = {
    enabled: true,
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
