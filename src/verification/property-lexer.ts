/** Token kinds of the property language. */
export type TokenKind = "word" | "number" | "string" | "symbol" | "operator" | "punct" | "end";

/** One token with its 0-based offset into the rule text, so errors can point at it. */
export interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
}

/** A token the lexer cannot read, at an offset into the rule. */
export class LexError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "!"];
const punctuation = new Set([":", "(", ")", ",", ".", "[", "]"]);

/**
 * Splits a rule such as `before write_to_database: database_state == "locked"` into tokens with offsets.
 * Symbols (`$amount`) name a plan's symbolic arguments.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    const start = index;
    if (/[A-Za-z_]/.test(char) || (char === "$" && /[A-Za-z_]/.test(text[index + 1] ?? ""))) {
      index += 1;
      while (index < text.length && /[A-Za-z0-9_]/.test(text[index] as string)) index += 1;
      tokens.push({ kind: char === "$" ? "symbol" : "word", text: text.slice(start, index), offset: start });
      continue;
    }
    if (/[0-9]/.test(char)) {
      while (index < text.length && /[0-9]/.test(text[index] as string)) index += 1;
      tokens.push({ kind: "number", text: text.slice(start, index), offset: start });
      continue;
    }
    if (char === '"' || char === "'") {
      const end = text.indexOf(char, index + 1);
      if (end < 0) throw new LexError(start, "unterminated string");
      tokens.push({ kind: "string", text: text.slice(index + 1, end), offset: start });
      index = end + 1;
      continue;
    }
    const operator = operators.find((candidate) => text.startsWith(candidate, index));
    if (operator !== undefined) {
      tokens.push({ kind: "operator", text: operator, offset: start });
      index += operator.length;
      continue;
    }
    if (punctuation.has(char)) {
      tokens.push({ kind: "punct", text: char, offset: start });
      index += 1;
      continue;
    }
    throw new LexError(start, `unexpected character ${JSON.stringify(char)}`);
  }
  tokens.push({ kind: "end", text: "", offset: text.length });
  return tokens;
}
