import type { MatchCondition } from "@langchain/langgraph-checkpoint";

/**
 * Namespaces are stored as their labels joined by ":" (labels cannot contain ":", validateNamespace refuses
 * it), so a prefix of labels is a range of strings: "a:b" itself, or from "a:b:" up to (not including) "a:b;".
 */
export const separator = ":";

export function encodeNamespace(namespace: string[]): string {
  return namespace.join(separator);
}

export function decodeNamespace(encoded: string): string[] {
  return encoded === "" ? [] : encoded.split(separator);
}

/** SQL matching the namespace column against a label prefix, using the primary-key index. */
export function prefixClause(prefix: string[]): { clause: string; parameters: string[] } | undefined {
  if (prefix.length === 0) return undefined;
  const encoded = encodeNamespace(prefix);
  return {
    clause: "(namespace = ? OR (namespace >= ? AND namespace < ?))",
    parameters: [encoded, `${encoded}${separator}`, `${encoded};`],
  };
}

/** The leading labels of a prefix condition before its first "*" wildcard: what SQL can narrow on. */
export function literalPrefix(conditions: MatchCondition[] | undefined): string[] {
  const prefix = conditions?.find((condition) => condition.matchType === "prefix");
  if (prefix === undefined) return [];
  const end = prefix.path.indexOf("*");
  return end === -1 ? [...prefix.path] : prefix.path.slice(0, end);
}

function matches(condition: MatchCondition, namespace: string[]): boolean {
  const { path } = condition;
  if (path.length > namespace.length) return false;
  const offset = condition.matchType === "prefix" ? 0 : namespace.length - path.length;
  return path.every((label, index) => label === "*" || namespace[offset + index] === label);
}

/**
 * listNamespaces after SQL narrowed the rows: wildcard prefix/suffix matching, maxDepth truncation with
 * de-duplication, byte order (as SQLite sorts), then offset and limit.
 */
export function selectNamespaces(
  encoded: string[],
  options: { matchConditions?: MatchCondition[]; maxDepth?: number; limit: number; offset: number },
): string[][] {
  let namespaces = encoded.map(decodeNamespace);
  const conditions = options.matchConditions ?? [];
  if (conditions.length > 0) namespaces = namespaces.filter((namespace) => conditions.every((condition) => matches(condition, namespace)));
  const { maxDepth } = options;
  if (maxDepth !== undefined) {
    const unique = new Map<string, string[]>();
    for (const namespace of namespaces) {
      const truncated = namespace.slice(0, maxDepth);
      unique.set(encodeNamespace(truncated), truncated);
    }
    namespaces = Array.from(unique.values());
  }
  namespaces.sort((left, right) => {
    const a = encodeNamespace(left);
    const b = encodeNamespace(right);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return namespaces.slice(options.offset, options.offset + options.limit);
}
