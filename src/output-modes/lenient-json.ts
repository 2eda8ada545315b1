/** A value read by the tolerant JSON reader, and whether reading it needed any leniency. */
export interface LenientResult {
  value: unknown;
  repaired: boolean;
}

const FENCE = /```[A-Za-z]*[ \t]*\n?([\s\S]*?)(?:```|$)/;
const MAX_STARTS = 20;
/**
 * Nesting the reader follows; deeper is read as cut off there. The reader recurses, and an answer of 100,000
 * "[" overflowed the call stack (an exception out of a reader that must never throw); no output schema nests
 * anywhere near this deep.
 */
const MAX_DEPTH = 128;

/**
 * Reads JSON the way models write it: inside fences, with prose before or after, trailing commas, single
 * quotes, unquoted keys, Python literals, comments, or cut off mid-way (open strings and brackets are
 * closed, a dangling key is dropped). Undefined when no JSON value can be found.
 *
 * @example
 * parseLenientJson("Sure! ```json\n{'a': 1,}\n```") // { value: { a: 1 }, repaired: true }
 */
export function parseLenientJson(text: string, expect: "object" | "array" | "any" = "any"): LenientResult | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const strict = tryParse(trimmed);
  if (strict !== undefined && fits(strict.value, expect)) return { value: strict.value, repaired: false };
  const fenced = FENCE.exec(trimmed)?.[1];
  const candidates = fenced === undefined ? [trimmed] : [fenced, trimmed];
  for (const candidate of candidates) {
    const found = findValue(candidate, expect);
    if (found !== undefined) return { value: found, repaired: true };
  }
  return undefined;
}

function tryParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function fits(value: unknown, expect: "object" | "array" | "any"): boolean {
  if (expect === "array") return Array.isArray(value);
  if (expect === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof value === "object" && value !== null;
}

/**
 * Tries each top-level opening bracket in turn (brackets inside an earlier read are part of it): a strict
 * parse of its balanced span wins, else the first lenient read.
 */
function findValue(text: string, expect: "object" | "array" | "any"): unknown {
  const opener = expect === "object" ? /\{/g : expect === "array" ? /\[/g : /[[{]/g;
  let lenientFallback: unknown;
  let tries = 0;
  for (let match = opener.exec(text); match !== null && tries < MAX_STARTS; match = opener.exec(text), tries += 1) {
    const reader = new LenientReader(text, match.index);
    const value = reader.readValue();
    const span = text.slice(match.index, reader.index);
    if (!reader.lenient && tryParse(span) !== undefined && fits(value, expect) && !isEmpty(value)) return value;
    if (lenientFallback === undefined && fits(value, expect) && !isEmpty(value)) lenientFallback = value;
    opener.lastIndex = Math.max(opener.lastIndex, reader.index);
  }
  return lenientFallback;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "/": "/", "\\": "\\", '"': '"', "'": "'" };
const BAREWORDS: Record<string, unknown> = { true: true, false: false, null: null, True: true, False: false, None: null, undefined: null, NaN: null };
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

/** A recursive-descent reader that never throws: it records leniency and closes whatever is left open. */
class LenientReader {
  index: number;
  lenient = false;
  private readonly text: string;
  private depth = 0;

  constructor(text: string, start: number) {
    this.text = text;
    this.index = start;
  }

  readValue(): unknown {
    this.skipSpace();
    const char = this.text[this.index];
    if (char === undefined) {
      this.lenient = true;
      return undefined;
    }
    if (char === "{" || char === "[") {
      if (this.depth >= MAX_DEPTH) {
        this.lenient = true;
        this.index = this.text.length;
        return undefined;
      }
      this.depth += 1;
      try {
        return char === "{" ? this.readObject() : this.readArray();
      } finally {
        this.depth -= 1;
      }
    }
    if (char === '"' || char === "'") return this.readString();
    if (/[-\d.]/.test(char)) return this.readNumber();
    return this.readBareword(/[,}\]\n]/);
  }

  private readObject(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.index += 1;
    for (;;) {
      this.skipSpace();
      const char = this.text[this.index];
      if (char === undefined) return this.truncated(result);
      if (char === "}" || char === "]") {
        // A mismatched closer ends the object too: models mix them up when they lose track of nesting.
        if (char === "]") this.lenient = true;
        this.index += 1;
        return result;
      }
      if (char === ",") {
        this.lenient = true;
        this.index += 1;
        continue;
      }
      const start = this.index;
      const key = char === '"' || char === "'" ? this.readString() : this.readKeyword();
      this.skipSpace();
      if (this.text[this.index] === ":") this.index += 1;
      else this.lenient = true;
      this.skipSpace();
      if (this.index >= this.text.length) return this.truncated(result);
      const value = this.readValue();
      if (value !== undefined) result[key] = value;
      this.afterElement("}");
      if (this.index === start) return this.truncated(result);
    }
  }

  private readArray(): unknown[] {
    const result: unknown[] = [];
    this.index += 1;
    for (;;) {
      this.skipSpace();
      const char = this.text[this.index];
      if (char === undefined) return this.truncated(result);
      if (char === "]" || char === "}") {
        if (char === "}") this.lenient = true;
        this.index += 1;
        return result;
      }
      if (char === ",") {
        this.lenient = true;
        this.index += 1;
        continue;
      }
      const start = this.index;
      const value = this.readValue();
      if (value !== undefined) result.push(value);
      this.afterElement("]");
      // A stray closer of the other kind (`[1, }`) would otherwise never be consumed.
      if (this.index === start) return this.truncated(result);
    }
  }

  /** Consumes the comma after an element; a trailing comma or a missing one is lenient. */
  private afterElement(closer: string): void {
    this.skipSpace();
    const char = this.text[this.index];
    if (char === ",") {
      this.index += 1;
      this.skipSpace();
      if (this.text[this.index] === closer) this.lenient = true;
    } else if (char !== closer) {
      this.lenient = true;
    }
  }

  private truncated<T>(value: T): T {
    this.lenient = true;
    return value;
  }

  private readString(): string {
    const quote = this.text[this.index];
    if (quote === "'") this.lenient = true;
    this.index += 1;
    let result = "";
    while (this.index < this.text.length) {
      const char = this.text[this.index] as string;
      if (char === quote) {
        this.index += 1;
        return result;
      }
      if (char === "\\") {
        const next = this.text[this.index + 1] ?? "";
        if (next === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.index + 2, this.index + 6))) {
          result += String.fromCharCode(Number.parseInt(this.text.slice(this.index + 2, this.index + 6), 16));
          this.index += 6;
          continue;
        }
        result += ESCAPES[next] ?? next;
        this.index += 2;
        continue;
      }
      if (char === "\n") this.lenient = true;
      result += char;
      this.index += 1;
    }
    return this.truncated(result);
  }

  private readNumber(): unknown {
    NUMBER.lastIndex = this.index;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.readBareword(/[,}\]\n]/);
    this.index += match[0].length;
    if (match[0].endsWith(".") || match[0].startsWith(".")) this.lenient = true;
    return Number(match[0]);
  }

  private readKeyword(): string {
    this.lenient = true;
    const start = this.index;
    while (this.index < this.text.length && !/[:,}\s]/.test(this.text[this.index] as string)) this.index += 1;
    return this.text.slice(start, this.index);
  }

  private readBareword(stop: RegExp): unknown {
    this.lenient = true;
    const start = this.index;
    while (this.index < this.text.length && !stop.test(this.text[this.index] as string)) this.index += 1;
    const word = this.text.slice(start, this.index).trim();
    if (word in BAREWORDS) return BAREWORDS[word];
    return word === "" ? undefined : word;
  }

  private skipSpace(): void {
    for (;;) {
      while (this.index < this.text.length && /\s/.test(this.text[this.index] as string)) this.index += 1;
      if (this.text.startsWith("//", this.index)) {
        this.lenient = true;
        const end = this.text.indexOf("\n", this.index);
        this.index = end < 0 ? this.text.length : end;
      } else if (this.text.startsWith("/*", this.index)) {
        this.lenient = true;
        const end = this.text.indexOf("*/", this.index + 2);
        this.index = end < 0 ? this.text.length : end + 2;
      } else {
        return;
      }
    }
  }
}
