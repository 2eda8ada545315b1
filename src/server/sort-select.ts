/**
 * Orders records by one field (strings compared as text, ISO timestamps sort as text too), newest or largest
 * first for "desc"; ties keep their order. What `search` does with `sort_by` / `sort_order`.
 *
 * @example
 * sortBy([{ id: "b" }, { id: "a" }], "id", "asc") // [{ id: "a" }, { id: "b" }]
 */
export function sortBy<T extends object>(records: readonly T[], key: keyof T & string, order: "asc" | "desc"): T[] {
  const sign = order === "asc" ? 1 : -1;
  const text = (record: T): string => {
    const value: unknown = record[key];
    return typeof value === "string" ? value : JSON.stringify(value ?? null);
  };
  return [...records].sort((left, right) => sign * (text(left) < text(right) ? -1 : text(left) > text(right) ? 1 : 0));
}

/**
 * Keeps only the fields a search's `select` names (all of them when it names none).
 *
 * @example
 * selectFields({ thread_id: "t", values: {} }, ["thread_id"]) // { thread_id: "t" }
 */
export function selectFields<T extends object>(record: T, select: readonly string[] | null | undefined): Partial<T> {
  if (select == null || select.length === 0) return record;
  return Object.fromEntries(Object.entries(record).filter(([key]) => select.includes(key))) as Partial<T>;
}
