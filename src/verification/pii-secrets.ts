/**
 * Secrets by shape: private key blocks, provider key prefixes (OpenAI, Stripe, AWS, GitHub, Slack, Google),
 * JSON Web Tokens, and any long value assigned to a key, token, secret or password name, also as a JSON
 * field or an environment variable.
 */
const secretPattern = new RegExp(
  [
    String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----`,
    String.raw`\b(?:sk|rk)-(?:proj-|live_|test_)?[A-Za-z0-9_-]{20,}`,
    String.raw`\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}`,
    // Also in groups of four ("AKIA 4X7Q …"), as keys are read out or pasted from a table.
    String.raw`\bAKIA(?: ?[0-9A-Z]{4}){4}\b`,
    String.raw`\bgh[pousr]_[A-Za-z0-9]{36,}\b`,
    String.raw`\bgithub_pat_[A-Za-z0-9_]{40,}`,
    String.raw`\bxox[baprs]-[A-Za-z0-9-]{10,}`,
    String.raw`\bAIza[0-9A-Za-z_-]{35}\b`,
    String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
    // A name that says "secret", then ":" or "=" (a JSON key's closing quote allowed), then a long value, quoted or
    // not (guillemets and curly quotes too: « Chaton-Violet-42 »).
    String.raw`(?<![A-Za-z])(?:[A-Za-z]{1,20}[_-]){0,4}(?:api[_-]?key|apikey|secret|token|password|passwd|passwort|mot de passe|contraseña|senha|wachtwoord|hasło)(?:[_-][A-Za-z]{1,20}){0,3}["']?\s*[:=]\s*(?:["'«“‘„]\s?)?[^\s"',}»”“’]{8,}`,
    // "my password is hunter2hunter2": said in words, the value needs a digit or a symbol ("is incorrect" is prose).
    String.raw`\b(?:password|passwort|passwd|mot de passe|contraseña|senha|wachtwoord|hasło|pin)\s+(?:is|ist|est|es|è|é|jest|was)\s+["']?(?=[^\s"']*[\d!@#$%^&*_])[^\s"',}]{8,}`,
  ].join("|"),
  "gi",
);

/**
 * Spans of secrets in (normalised) text.
 *
 * @example
 * secretSpans("AWS key AKIAJLVHKPO2DRVAUK7V") // [[8, 28]]
 */
export function secretSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(secretPattern)].map((match) => [match.index, match.index + match[0].length]);
}
