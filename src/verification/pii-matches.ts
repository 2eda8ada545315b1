/**
 * Every match of a global pattern, found with `exec` on the pattern itself. `String.prototype.matchAll` clones
 * its pattern on every call, and a clone starts cold (V8 compiles a pattern to native code only after it has run a
 * while): for the scorer, which reads a few words around each of tens of thousands of numbers, the clones cost more
 * than the matching (a megabyte of phone numbers: seconds). Eager, so a caller may use the same pattern again
 * inside its loop over the result.
 *
 * @example
 * matchesOf(/\d+/g, "a1 b22").map((match) => match[0]) // ["1", "22"]
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    found.push(match);
    // An empty match would be found again at the same place.
    if (match[0] === "") pattern.lastIndex += 1;
  }
  pattern.lastIndex = 0;
  return found;
}
