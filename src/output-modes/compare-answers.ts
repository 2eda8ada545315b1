/** How two structured answers compare, leaf by leaf. */
export interface AnswerComparison {
  /** Leaves (object fields, array items) present in either answer. */
  fields: number;
  /** Leaves equal in both (strings compared trimmed and case-folded, so formatting is not disagreement). */
  agreed: number;
  /** Every leaf agreed. */
  equal: boolean;
}

/**
 * Compares two answers field by field.
 *
 * @example
 * compareAnswers({ a: 1, b: "X" }, { a: 1, b: " x" }); // { fields: 2, agreed: 2, equal: true }
 */
export function compareAnswers(left: unknown, right: unknown): AnswerComparison {
  const leaves = new Map<string, [unknown, unknown]>();
  collect(left, "", 0, leaves);
  collect(right, "", 1, leaves);
  let agreed = 0;
  for (const [first, second] of leaves.values()) if (normalise(first) === normalise(second)) agreed += 1;
  return { fields: leaves.size, agreed, equal: agreed === leaves.size };
}

function collect(value: unknown, path: string, side: 0 | 1, leaves: Map<string, [unknown, unknown]>): void {
  if (Array.isArray(value)) {
    // An empty array is a leaf of its own, so [] against a filled array is a disagreement.
    if (value.length === 0) set(leaves, path, side, "[]");
    value.forEach((item, index) => collect(item, `${path}[${index}]`, side, leaves));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [field, item] of Object.entries(value)) collect(item, `${path}.${field}`, side, leaves);
    return;
  }
  set(leaves, path, side, value);
}

function set(leaves: Map<string, [unknown, unknown]>, path: string, side: 0 | 1, value: unknown): void {
  const pair = leaves.get(path) ?? [undefined, undefined];
  pair[side] = value;
  leaves.set(path, pair);
}

function normalise(value: unknown): string {
  if (typeof value === "string") return `s:${value.trim().toLowerCase()}`;
  return `${typeof value}:${String(value)}`;
}
