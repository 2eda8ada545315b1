/** JSON bodies may nest this deep; LangGraph inputs, configs and store values nest a handful of levels. */
export const MAX_JSON_DEPTH = 64;

// Regular expressions scan in native code: outside strings only brackets and quotes matter, inside a string
// only its closing quote and escapes.
const STRUCTURE = /[[\]{}"]/g;
const STRING_END = /["\\]/g;

/**
 * The nesting depth at which JSON text first goes deeper than `limit`, or undefined, read from the text
 * itself before any parse: JSON.parse of 400,000 nested arrays builds them all (40–60 ms with the event loop
 * held) only for the depth check after it to refuse them. One pass, strings skipped; on invalid JSON the answer
 * may be wrong either way, and JSON.parse then refuses the text.
 *
 * @example
 * textTooDeep('{"a":[[1]]}', 2) // 3
 * textTooDeep('"[[[["', 2)      // undefined: brackets inside a string do not nest
 */
export function textTooDeep(text: string, limit: number = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  STRUCTURE.lastIndex = 0;
  for (let match = STRUCTURE.exec(text); match !== null; match = STRUCTURE.exec(text)) {
    const character = match[0];
    if (character === '"') {
      STRING_END.lastIndex = STRUCTURE.lastIndex;
      let end = STRING_END.exec(text);
      while (end !== null && end[0] === "\\") {
        STRING_END.lastIndex = end.index + 2;
        end = STRING_END.exec(text);
      }
      if (end === null) return undefined;
      STRUCTURE.lastIndex = end.index + 1;
    } else if (character === "[" || character === "{") {
      depth += 1;
      if (depth > limit) return depth;
    } else {
      depth -= 1;
    }
  }
  return undefined;
}

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
