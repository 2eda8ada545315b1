/** JSON bodies may nest this deep; LangGraph inputs, configs and store values nest a handful of levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * The depth of the first path through a parsed JSON value that nests deeper than `limit`, or undefined. An
 * explicit stack, not recursion: JSON.parse accepts 500,000 nested arrays, and every recursive walk after it
 * (zod, JSON.stringify into a checkpoint) would overflow the call stack on them.
 *
 * @example
 * tooDeep(JSON.parse("[[[]]]"), 2) // 3
 */
export function tooDeep(value: unknown, limit: number = MAX_JSON_DEPTH): number | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== "object" || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > limit) return depth;
    const children = Array.isArray(item.value) ? item.value : Object.values(item.value);
    for (const child of children) if (typeof child === "object" && child !== null) stack.push({ value: child, depth });
  }
  return undefined;
}
