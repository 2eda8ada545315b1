/**
 * The column a value stands in: in a CSV, TSV or pipe table the label of a number is its column's header, lines
 * above it ("name,phone,city\nMarta,+48 601 …,Kraków"), not the words before it on its own line.
 */

import { sqlColumn } from "./pii-sql-columns.ts";

/** Delimiters of a table row, most specific first. */
const delimiters = ["\t", "|", ";", ","] as const;
/** How far up (characters) a header is looked for: a table's first lines, not a whole file. */
export const columnReach = 1024;
const reach = columnReach;
/** How many rows up the header may stand (short rows; `reach` bounds the characters). */
const maxRows = 64;

/** The words that number one part of a value split over columns: "part 1", "(Teil 2)", "(2)", "block A", a key's "card_1". */
const partOfValue = /(?:(?<!\p{L})(?:part|teil|partie|parte|deel|del|część|osa|segment|block|chunk|piece|stück)\s*\(?\s*(?:\d{1,2}|\p{L})\s*\)?|\(\s*(?:\d{1,2}|\p{L}|前|后|後)\s*\)|(?<=\p{L})[_.-]?\d{1,2})$/iu;

const count = (line: string, delimiter: string) => line.split(delimiter).length - 1;

/** The last text asked about and whether it has a line break: a text on one line is no table, and is asked once per number. */
let lastText = { text: "", lineBreak: false };

function hasLineBreak(text: string): boolean {
  if (lastText.text !== text) lastText = { text, lineBreak: text.includes("\n") };
  return lastText.lineBreak;
}

/**
 * The header cell of the column that `start` stands in, if its line is a row of a delimited table whose first row
 * (the header) has as many cells or more and holds letters in that cell. The search reads at most `reach`
 * characters back, so a text made of rows costs linear time.
 *
 * @example
 * columnHeader("name;phone;city\nMarta Nowak;+48 601-234-567;Kraków", 28) // "phone"
 */
export function columnHeader(text: string, start: number): string | undefined {
  const sqlValue = sqlColumn(text, start);
  if (sqlValue !== undefined) return sqlValue;
  // Only a row shorter than `reach` on either side is read: a megabyte-long line is no table, and is not rescanned.
  if (!hasLineBreak(text)) return undefined;
  const from = Math.max(0, start - reach);
  const lineBreak = text.slice(from, start).lastIndexOf("\n");
  if (lineBreak === -1) return undefined;
  const lineStart = from + lineBreak + 1;
  const tail = text.slice(start, start + reach);
  const lineEnd = tail.indexOf("\n");
  if (lineEnd === -1 && start + reach < text.length) return undefined;
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : start + lineEnd);
  const delimiter = delimiters.find((candidate) => count(line, candidate) >= 1);
  if (delimiter === undefined) return undefined;
  // A pipe table's rows may open with "|": the normaliser drops it before a digit (a row "| 0615 | 3 |" reads
  // "0615 3 |"), the header keeps it. Rows are counted without it, so a cell's column is its header's.
  const opening = (row: string) => (delimiter === "|" ? row.replace(/^\s*\|/, "") : row);
  // Its closing "|" goes the same way before a line break and a digit ("| qty | Kundennummer\n2 | 0176 … |").
  const inner = (row: string) => (delimiter === "|" ? opening(row).replace(/\|\s*$/, "") : row);
  const cells = count(inner(line), delimiter);
  const column = count(opening(text.slice(lineStart, start)), delimiter);
  const above = text.slice(Math.max(0, lineStart - reach), lineStart - 1).split("\n");
  // The header is the first of the rows above with the same number of cells, with no line of another shape between.
  let header: string | undefined;
  for (let index = above.length - 1; index >= 0 && above.length - index <= maxRows; index -= 1) {
    const row = above[index] as string;
    // A header may have more cells than the row: the normaliser joins the cells of a value split over several.
    if (count(inner(row), delimiter) < cells) break;
    header = row;
  }
  // "card part 1", "Konto (Teil 2)", "PESEL (2)": a header naming one part of a value split over columns names the value.
  const cell = header === undefined ? undefined : inner(header).split(delimiter)[column]?.trim().replace(partOfValue, "").trim();
  return cell !== undefined && /^[^\d]*\p{L}[^\d]*$/u.test(cell) ? cell : undefined;
}

/**
 * A log or form field's key right before its value (`… INFO api pan="5518 …"`, `remote_addr=95.…`, `tel='+49 …'`):
 * the key alone labels the value; the words before it are other fields ("api" there is the service, not the value).
 */
const fieldKey = /(?:^|[\s,;{(])(\p{L}[\p{L}\d_.-]{0,39})=["']?$/u;

/**
 * The key of the `key=value` field a value at `start` opens, and where the key starts.
 *
 * @example
 * fieldKeyBefore('INFO api pan="5518 …', 14) // { name: "pan", from: 9 }
 */
export function fieldKeyBefore(text: string, start: number): { name: string; from: number } | undefined {
  const before = text.slice(Math.max(0, start - 44), start);
  const key = fieldKey.exec(before);
  if (key === null) return undefined;
  const name = key[1] as string;
  return { name, from: start - before.length + key.index + key[0].indexOf(name) };
}

/**
 * The name of the field a value at `start` stands in: a URL query's key ("…/checkout?card=4111…", "?phone=+44…"),
 * "phone" for the path of a click-to-chat link ("wa.me/4477…", "t.me/+4915…"), or its column's header.
 *
 * @example
 * fieldName("https://wa.me/447700900123", 14) // "phone"
 */
export function fieldName(text: string, start: number): string | undefined {
  const key = /[?&;]([\p{L}_-]{1,40})=$|\b(?:wa|t)\.me\/$/u.exec(text.slice(Math.max(0, start - 42), start));
  return key === null ? columnHeader(text, start) : (key[1] ?? "phone");
}
