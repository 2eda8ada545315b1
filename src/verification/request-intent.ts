/**
 * Text normalised for matching: NFKC (full-width letters), zero-width characters removed, lower case,
 * and separators (`-`, `.`, spaces, `_`) unified, so "DELETE-record", "delete record" and "d\u200Belete_record"
 * all read the same.
 */
export function normaliseForMatching(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .toLowerCase()
    .replace(/[\s_.\-/]+/g, " ");
}

/**
 * Actions (from a set) that a text invokes in a call-like or structured form: `delete_record(...)`,
 * `"action": "delete_record"` / `"tool": ...` / `"name": ...` (any case, separator or zero-width character).
 * Prose that merely names an action ("We never export customers' data") is not a call and passes.
 *
 * @example
 * smuggledActions('then export_data({"all": true})', ["export_data"]); // ["export_data"]
 * smuggledActions("We never export customers' data", ["export_customers"]); // []
 */
export function smuggledActions(text: string, actions: Iterable<string>): string[] {
  const normal = normaliseForMatching(text);
  const found: string[] = [];
  for (const action of actions) {
    const patterns = callPatterns(action);
    if (patterns !== undefined && patterns.some((pattern) => pattern.test(normal))) found.push(action);
  }
  return found;
}

const patternCache = new Map<string, RegExp[] | undefined>();

/** The call-like and structured forms of one action, compiled once per action name. */
function callPatterns(action: string): RegExp[] | undefined {
  if (patternCache.has(action)) return patternCache.get(action);
  const words = normaliseForMatching(action).trim();
  const name = words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const patterns = words === "" ? undefined : [new RegExp(`(?:^|[^a-z0-9])${name}\\s*\\(`), new RegExp(`["'](?:action|tool|name|function|tool name)["']\\s*:\\s*["']\\s*${name}\\s*["']`)];
  patternCache.set(action, patterns);
  return patterns;
}

/** Actions (from a set) that a text names, by name with any separator ("delete record", "DELETE_RECORD"). */
export function mentionedActions(text: string, actions: Iterable<string>): string[] {
  const normal = ` ${normaliseForMatching(text).replace(/[^a-z0-9 ]+/g, " ")} `;
  const found: string[] = [];
  for (const action of actions) {
    const words = normaliseForMatching(action).trim();
    if (words !== "" && normal.includes(` ${words} `)) found.push(action);
  }
  return found;
}

const injectionPatterns = [
  /ignore (all |any )?(the )?(previous|prior|above) (instructions|rules)/,
  /disregard (the |your )?(policy|rules|instructions)/,
  /you are now (in )?(developer|admin|god) mode/,
  /system prompt/,
  /bypass (the )?(policy|monitor|approval|checks?)/,
];

/** Whether a text carries a prompt-injection phrase ("ignore previous instructions", "bypass the policy"). */
export function injectionPhrases(text: string): string[] {
  const normal = normaliseForMatching(text);
  return injectionPatterns.filter((pattern) => pattern.test(normal)).map((pattern) => pattern.exec(normal)?.[0] ?? "");
}
