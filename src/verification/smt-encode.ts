import type { Value } from "./expression.ts";
import type { Expression, ValueType } from "./property-ast.ts";
import type { StringInterner } from "./string-interner.ts";

/**
 * How names resolve at one point of a plan, as SMT-LIB2 terms. Encoding to text costs microseconds in
 * JS; building the same formula through the z3 API costs one WASM crossing (~25 µs) per node.
 */
export interface SmtFrame {
  state(name: string): string;
  arg(name: string): string;
  symbol(name: string): string;
  /** How many times an action ran before this point: a literal in a plan, a constant in the consistency check. */
  count(action: string): string;
  /**
   * A string operation, fact, list or quantifier: the caller folds it to `true`/`false` when its inputs are
   * concrete, else returns an unconstrained Bool constant (the proof then cannot rely on it: sound, not complete).
   */
  opaque(expression: Expression): string;
}

/** The SMT-LIB2 sort of a language type (strings and enums are interned ints). */
export function smtSort(type: ValueType): "Bool" | "Int" {
  return type.kind === "bool" ? "Bool" : "Int";
}

/** An integer literal: SMT-LIB2 has no negative literals, so `-5` is `(- 5)`. */
export function smtInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not an integer the prover can use; plan values and policy constants must be whole numbers`);
  return value < 0 ? `(- ${-value})` : String(value);
}

/** A concrete value as an SMT-LIB2 term. */
export function smtValue(interner: StringInterner, value: Value): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return smtInt(value);
  return smtInt(interner.id(value));
}

const operators = { "&&": "and", "||": "or", "==": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "+": "+", "-": "-" } as const;

/** The value of a literal term (`12`, `(- 3)`, `true`), or undefined for anything else. */
export function smtLiteral(term: string): number | boolean | undefined {
  if (term === "true") return true;
  if (term === "false") return false;
  if (/^\d+$/.test(term)) return Number(term);
  const negative = /^\(- (\d+)\)$/.exec(term);
  return negative === null ? undefined : -Number(negative[1]);
}

const literalTerm = (value: number | boolean) => (typeof value === "boolean" ? (value ? "true" : "false") : smtInt(value));

/**
 * Folds operators over literals in JS: plans fix actions and counts, so many rule instances are
 * decided before z3 sees them, and a smaller formula parses and checks faster.
 */
function fold(operator: keyof typeof operators | "!=", left: string, right: string): string {
  const leftValue = smtLiteral(left);
  const rightValue = smtLiteral(right);
  if (operator === "&&" || operator === "||") {
    const absorbing = operator === "||";
    if (leftValue === absorbing || rightValue === absorbing) return literalTerm(absorbing);
    if (leftValue === !absorbing) return right;
    if (rightValue === !absorbing) return left;
    return `(${operators[operator]} ${left} ${right})`;
  }
  if (operator === "+" && leftValue === 0) return right;
  if ((operator === "+" || operator === "-") && rightValue === 0) return left;
  if (leftValue !== undefined && rightValue !== undefined) {
    const [a, b] = [leftValue as number, rightValue as number];
    switch (operator) {
      case "==":
        return literalTerm(leftValue === rightValue);
      case "!=":
        return literalTerm(leftValue !== rightValue);
      case "<":
        return literalTerm(a < b);
      case "<=":
        return literalTerm(a <= b);
      case ">":
        return literalTerm(a > b);
      case ">=":
        return literalTerm(a >= b);
      case "+":
        return literalTerm(a + b);
      case "-":
        return literalTerm(a - b);
    }
  }
  if (operator === "!=") return `(not (= ${left} ${right}))`;
  return `(${operators[operator]} ${left} ${right})`;
}

/** Negation, folded over literals and double negation. */
export function smtNot(term: string): string {
  const value = smtLiteral(term);
  if (typeof value === "boolean") return literalTerm(!value);
  if (term.startsWith("(not ") && term.endsWith(")")) return term.slice(5, -1);
  return `(not ${term})`;
}

/** Translates a type-checked expression into an SMT-LIB2 term over a frame. */
export function smtExpression(interner: StringInterner, expression: Expression, frame: SmtFrame): string {
  switch (expression.kind) {
    case "literal":
      return smtValue(interner, expression.value);
    case "state":
      return frame.state(expression.name);
    case "arg":
      return frame.arg(expression.name);
    case "symbol":
      return frame.symbol(expression.name);
    case "count":
      return frame.count(expression.action);
    case "done":
      return fold(">", frame.count(expression.action), "0");
    case "unary": {
      const operand = smtExpression(interner, expression.operand, frame);
      if (expression.operator === "!") return smtNot(operand);
      const value = smtLiteral(operand);
      return typeof value === "number" ? smtInt(-value) : `(- ${operand})`;
    }
    case "binary":
      return fold(expression.operator, smtExpression(interner, expression.left, frame), smtExpression(interner, expression.right, frame));
    case "fact":
    case "variable":
    case "text":
    case "list":
    case "call":
    case "in":
    case "quantifier":
      return frame.opaque(expression);
  }
}

/** Constrains an interned enum term to its declared values. */
export function smtDomain(interner: StringInterner, term: string, type: ValueType): string | undefined {
  if (type.kind !== "enum") return undefined;
  return smtOr(type.values.map((value) => `(= ${term} ${smtInt(interner.id(value))})`));
}

/** A disjunction of terms (z3 reads `(or)` as false; one term needs no `or`). */
export function smtOr(terms: readonly string[]): string {
  if (terms.length === 0) return "false";
  return terms.length === 1 ? (terms[0] as string) : `(or ${terms.join(" ")})`;
}
