import { stringFunctions, type BinaryOperator, type Expression, type Property, type StringFunction } from "./property-ast.ts";
import { normaliseActionName } from "./action-name.ts";
import { tokenize, type Token } from "./property-lexer.ts";

/** A rule that does not parse, with the offset of the bad token and a fix. */
export class PropertySyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(problem);
  }
}

const precedence: Array<readonly BinaryOperator[]> = [["||"], ["&&"], ["==", "!=", "<", "<=", ">", ">="], ["+", "-"]];
const wordOperators: Record<string, BinaryOperator | "!"> = { or: "||", and: "&&", not: "!" };
const grammar = 'one of: "never ACTION", "at most N ACTION per thread", "at most N ACTION per fact.NAME", "before ACTION: CONDITION", "approve ACTION when CONDITION", "always CONDITION", "answer: CONDITION"';

class Parser {
  private index = 0;
  /** Names bound by enclosing quantifiers. */
  private readonly bound: string[] = [];
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index] ?? (this.tokens.at(-1) as Token);
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index += 1;
    return token;
  }

  expectWord(what: string): Token {
    const token = this.next();
    if (token.kind !== "word") throw new PropertySyntaxError(token.offset, `expected ${what}, found ${describe(token)}`, `write ${what} here`);
    return token;
  }

  expectPunct(text: string): void {
    const token = this.next();
    if (token.kind !== "punct" || token.text !== text) throw new PropertySyntaxError(token.offset, `expected "${text}", found ${describe(token)}`, `insert "${text}"`);
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== "end") throw new PropertySyntaxError(token.offset, `unexpected ${describe(token)} after the end of the rule`, "remove it or join conditions with `and` / `or`");
  }

  /** The rest of a `[...]` list of strings. */
  list(offset: number): Expression {
    const items: string[] = [];
    while (!(this.peek().kind === "punct" && this.peek().text === "]")) {
      const item = this.next();
      if (item.kind !== "string") throw new PropertySyntaxError(item.offset, `expected a quoted string in the list, found ${describe(item)}`, 'write a list such as ["billing", "support"]');
      items.push(item.text);
      if (this.peek().kind === "punct" && this.peek().text === ",") this.next();
    }
    this.next();
    return { kind: "list", items, offset }
  }

  /** `all NAME in LIST: BODY`: the body is checked for every (any) item. */
  quantifier(head: Token): Expression {
    const variable = this.expectWord("a name for each item");
    const keyword = this.expectWord('"in"');
    if (keyword.text !== "in") throw new PropertySyntaxError(keyword.offset, `expected "in", found ${describe(keyword)}`, "write `all recipient in arg.to: CONDITION`");
    const source = this.primary();
    this.expectPunct(":");
    this.bound.push(variable.text);
    try {
      const body = this.expression(0);
      return { kind: "quantifier", quantifier: head.text === "all" ? "all" : "any", variable: variable.text, source, body, offset: head.offset }
    } finally {
      this.bound.pop();
    }
  }

  property(): Property {
    const head = this.expectWord(grammar);
    switch (head.text) {
      case "never": {
        const action = this.expectWord("an action name");
        this.expectEnd();
        return { kind: "never", action: normaliseActionName(action.text), actionOffset: action.offset };
      }
      case "at": {
        const most = this.expectWord('"most"');
        if (most.text !== "most") throw new PropertySyntaxError(most.offset, `expected "most", found ${describe(most)}`, "write `at most N ACTION per thread`");
        const count = this.next();
        if (count.kind !== "number") throw new PropertySyntaxError(count.offset, `expected a count, found ${describe(count)}`, "write a whole number, e.g. `at most 3 refund per thread`");
        const action = this.expectWord("an action name");
        let scope: { fact: string; offset: number } | undefined;
        if (this.peek().kind === "word" && this.peek().text === "per") {
          this.next();
          const word = this.expectWord('"thread" or "fact.NAME"');
          if (word.text === "fact") {
            this.expectPunct(".");
            const fact = this.expectWord("a fact name");
            scope = { fact: fact.text, offset: fact.offset };
          } else if (word.text !== "thread") {
            throw new PropertySyntaxError(word.offset, `unknown scope "${word.text}"`, "write `per thread`, or `per fact.NAME` to count across every thread with the same fact (e.g. `per fact.customer_id`)");
          }
        }
        this.expectEnd();
        return { kind: "at_most", limit: Number(count.text), action: normaliseActionName(action.text), actionOffset: action.offset, ...(scope === undefined ? {} : { scope }) };
      }
      case "before": {
        const action = this.expectWord("an action name");
        this.expectPunct(":");
        const condition = this.expression(0);
        this.expectEnd();
        return { kind: "before", action: normaliseActionName(action.text), actionOffset: action.offset, condition };
      }
      case "approve": {
        const action = this.expectWord("an action name");
        const when = this.expectWord('"when"');
        if (when.text !== "when") throw new PropertySyntaxError(when.offset, `expected "when", found ${describe(when)}`, "write `approve ACTION when CONDITION`");
        const condition = this.expression(0);
        this.expectEnd();
        return { kind: "approve", action: normaliseActionName(action.text), actionOffset: action.offset, condition };
      }
      case "answer": {
        this.expectPunct(":");
        const condition = this.expression(0);
        this.expectEnd();
        return { kind: "answer", condition };
      }
      case "always": {
        const condition = this.expression(0);
        this.expectEnd();
        return { kind: "always", condition };
      }
      default:
        throw new PropertySyntaxError(head.offset, `unknown rule kind "${head.text}"`, `start the rule with ${grammar}`);
    }
  }

  expression(level: number): Expression {
    if (level >= precedence.length) return this.unary();
    let left = this.expression(level + 1);
    for (;;) {
      const token = this.peek();
      if (level === 2 && token.kind === "word" && token.text === "in") {
        this.next();
        left = { kind: "in", item: left, list: this.unary(), offset: left.offset };
        continue;
      }
      const operator = binaryOperatorOf(token);
      if (operator === undefined || !(precedence[level] as readonly BinaryOperator[]).includes(operator)) return left;
      this.next();
      const right = this.expression(level + 1);
      left = { kind: "binary", operator, left, right, offset: left.offset };
    }
  }

  unary(): Expression {
    const token = this.peek();
    if ((token.kind === "operator" && (token.text === "!" || token.text === "-")) || (token.kind === "word" && token.text === "not")) {
      this.next();
      return { kind: "unary", operator: token.text === "-" ? "-" : "!", operand: this.unary(), offset: token.offset };
    }
    return this.primary();
  }

  primary(): Expression {
    const token = this.next();
    if (token.kind === "number") return { kind: "literal", value: Number(token.text), offset: token.offset };
    if (token.kind === "string") return { kind: "literal", value: token.text, offset: token.offset };
    if (token.kind === "symbol") return { kind: "symbol", name: token.text.slice(1), offset: token.offset };
    if (token.kind === "punct" && token.text === "[") return this.list(token.offset);
    if (token.kind === "punct" && token.text === "(") {
      const inner = this.expression(0);
      this.expectPunct(")");
      return inner;
    }
    if (token.kind === "word") {
      if (token.text === "true" || token.text === "false") return { kind: "literal", value: token.text === "true", offset: token.offset };
      if (token.text === "count" || token.text === "done") {
        this.expectPunct("(");
        const action = this.expectWord("an action name");
        this.expectPunct(")");
        return { kind: token.text, action: normaliseActionName(action.text), offset: token.offset };
      }
      if ((token.text === "all" || token.text === "any") && this.peek().kind === "word") return this.quantifier(token);
      if ((stringFunctions as readonly string[]).includes(token.text) && this.peek().text === "(") {
        this.expectPunct("(");
        const args = [this.expression(0)];
        while (this.peek().kind === "punct" && this.peek().text === ",") {
          this.next();
          args.push(this.expression(0));
        }
        this.expectPunct(")");
        return { kind: "call", name: token.text as StringFunction, args, offset: token.offset };
      }
      if (this.bound.includes(token.text)) return { kind: "variable", name: token.text, offset: token.offset };
      if (token.text === "text") return { kind: "text", offset: token.offset };
      if (token.text === "fact") {
        this.expectPunct(".");
        const name = this.expectWord("a fact name");
        return { kind: "fact", name: name.text, offset: token.offset };
      }
      if (token.text === "arg") {
        this.expectPunct(".");
        const name = this.expectWord("an argument name");
        return { kind: "arg", name: name.text, offset: token.offset };
      }
      if (token.text in wordOperators) throw new PropertySyntaxError(token.offset, `"${token.text}" needs an operand before it`, "put a condition on both sides");
      return { kind: "state", name: token.text, offset: token.offset };
    }
    throw new PropertySyntaxError(token.offset, `expected a value, found ${describe(token)}`, 'write a state variable, arg.NAME, a number, "text", true/false, count(ACTION) or done(ACTION)');
  }
}

function binaryOperatorOf(token: Token): BinaryOperator | undefined {
  if (token.kind === "operator" && token.text !== "!") return token.text as BinaryOperator;
  if (token.kind === "word") {
    const operator = wordOperators[token.text];
    return operator === "!" ? undefined : operator;
  }
  return undefined;
}

function describe(token: Token): string {
  return token.kind === "end" ? "the end of the rule" : `"${token.text}"`;
}

/**
 * Parses one property rule. Throws `PropertySyntaxError` with the offset of the bad token.
 *
 * @example
 * parseProperty('before write_to_database: database_state == "locked"')
 * // { kind: "before", action: "write_to_database", condition: { kind: "binary", operator: "==", ... } }
 */
export function parseProperty(text: string): Property {
  return new Parser(tokenize(text)).property();
}

/** Parses a bare condition (a plan's constraint on its symbols, an effect's value). */
export function parseExpression(text: string): Expression {
  const parser = new Parser(tokenize(text));
  const expression = parser.expression(0);
  parser.expectEnd();
  return expression;
}
