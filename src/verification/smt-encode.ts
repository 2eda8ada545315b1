import type { Value } from "./expression.ts";
import type { Expression, ValueType } from "./property-ast.ts";
import type { StringInterner } from "./z3-encode.ts";

/**
 * How names resolve at one point of a plan, as SMT-LIB2 terms. Encoding to text costs microseconds in
 * JS; building the same formula through the z3 API costs one WASM crossing (~25 µs) per node.
 */
export interface SmtFrame {
  state(name: string): string;
  arg(name: string): string;
  symbol(name: string): string;
  count(action: string): number;
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
      return smtInt(frame.count(expression.action));
    case "done":
      return frame.count(expression.action) > 0 ? "true" : "false";
    case "unary":
      return `(${expression.operator === "!" ? "not" : "-"} ${smtExpression(interner, expression.operand, frame)})`;
    case "binary": {
      const left = smtExpression(interner, expression.left, frame);
      const right = smtExpression(interner, expression.right, frame);
      if (expression.operator === "!=") return `(not (= ${left} ${right}))`;
      return `(${operators[expression.operator]} ${left} ${right})`;
    }
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
