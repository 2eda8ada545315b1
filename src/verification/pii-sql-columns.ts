/**
 * The column a value of a SQL `INSERT … (columns) VALUES (values)` stands in: its label is the column name at its
 * position ("INSERT INTO staff (name, fodselsnummer) VALUES ('Ingrid', '180962…')"), not the quoted value before it.
 */

/** How far back (characters) the statement's start is looked for: one row's statement, not a dump. */
const reach = 1024;

/** The column list and the start of the values: "(a, b, c) VALUES (". */
const statement = /\(([^()]{1,400})\)\s*values\s*\(/giu;

/** The last text asked about and whether it holds a VALUES keyword: most texts hold none, and are asked once per number. */
let lastText = { text: "", values: false };

/**
 * The name of the column the value at `start` fills, when it stands in the first values tuple of an INSERT whose
 * column list is written. Commas inside quoted values do not count.
 *
 * @example
 * sqlColumn("INSERT INTO t (name, phone) VALUES ('Ann', '0176 2345 6789')", 43) // "phone"
 */
export function sqlColumn(text: string, start: number): string | undefined {
  if (lastText.text !== text) lastText = { text, values: /values\s*\(/iu.test(text) };
  if (!lastText.values) return undefined;
  const from = Math.max(0, start - reach);
  const before = text.slice(from, start);
  let found: RegExpExecArray | undefined;
  statement.lastIndex = 0;
  for (let match = statement.exec(before); match !== null; match = statement.exec(before)) found = match;
  if (found === undefined) return undefined;
  // The values written so far: count the commas outside quotes; a closing parenthesis means the tuple ended.
  const values = before.slice(found.index + found[0].length);
  let quote = "";
  let position = 0;
  for (const char of values) {
    if (quote !== "") {
      if (char === quote) quote = "";
    } else if (char === "'" || char === '"') quote = char;
    else if (char === ",") position += 1;
    else if (char === ")") return undefined;
  }
  const column = found[1]?.split(",")[position]?.trim().replace(/^[`"[]|[`"\]]$/gu, "");
  return column !== undefined && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(column) ? column : undefined;
}
