import type { Arith, Bool, Context } from "z3-solver";
import type { Value } from "./expression.ts";
import type { Expression, ValueType } from "./property-ast.ts";

export type Z3Value = Arith<"main"> | Bool<"main">;

/** How names resolve at one point of a plan: the state and counters there, that step's arguments. */
export interface Z3Frame {
  state(name: string): Z3Value;
  arg(name: string): Z3Value;
  symbol(name: string): Z3Value;
  count(action: string): Arith<"main">;
}

/** Strings and enum values become integers for the solver; the table maps them back for counterexamples. */
export class StringInterner {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
    }
    return id;
  }

  text(id: number): string | undefined {
    return this.texts[id];
  }
}

/** A fresh solver constant of a language type (int, bool; strings and enums as interned ints). */
export function constantOf(context: Context<"main">, name: string, type: ValueType): Z3Value {
  return type.kind === "bool" ? context.Bool.const(name) : context.Int.const(name);
}

/** A concrete value as a solver term. */
export function valueOf(context: Context<"main">, interner: StringInterner, value: Value): Z3Value {
  if (typeof value === "boolean") return context.Bool.val(value);
  if (typeof value === "number") return context.Int.val(value);
  return context.Int.val(interner.id(value));
}

/** Translates a type-checked expression into a z3 term over a frame. */
export function encodeExpression(context: Context<"main">, interner: StringInterner, expression: Expression, frame: Z3Frame): Z3Value {
  const arith = (inner: Expression) => encodeExpression(context, interner, inner, frame) as Arith<"main">;
  const bool = (inner: Expression) => encodeExpression(context, interner, inner, frame) as Bool<"main">;
  switch (expression.kind) {
    case "literal":
      return valueOf(context, interner, expression.value);
    case "state":
      return frame.state(expression.name);
    case "arg":
      return frame.arg(expression.name);
    case "symbol":
      return frame.symbol(expression.name);
    case "count":
      return frame.count(expression.action);
    case "done":
      return frame.count(expression.action).gt(0);
    case "unary":
      return expression.operator === "!" ? context.Not(bool(expression.operand)) : arith(expression.operand).neg();
    case "binary": {
      const { left, right } = expression;
      switch (expression.operator) {
        case "&&":
          return context.And(bool(left), bool(right));
        case "||":
          return context.Or(bool(left), bool(right));
        case "==":
          return encodeExpression(context, interner, left, frame).eq(encodeExpression(context, interner, right, frame));
        case "!=":
          return encodeExpression(context, interner, left, frame).neq(encodeExpression(context, interner, right, frame));
        case "<":
          return arith(left).lt(arith(right));
        case "<=":
          return arith(left).le(arith(right));
        case ">":
          return arith(left).gt(arith(right));
        case ">=":
          return arith(left).ge(arith(right));
        case "+":
          return arith(left).add(arith(right));
        case "-":
          return arith(left).sub(arith(right));
      }
    }
  }
}

/** Constrains an interned enum variable to its declared values. */
export function domainOf(context: Context<"main">, interner: StringInterner, variable: Z3Value, type: ValueType): Bool<"main"> | undefined {
  if (type.kind !== "enum") return undefined;
  return context.Or(...type.values.map((value) => variable.eq(context.Int.val(interner.id(value)))));
}
