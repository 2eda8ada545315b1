import type { Expression, ValueType } from "./property-ast.ts";

/** A value of the property language at run time. */
export type Value = number | boolean | string;

/** What names mean where an expression is checked: state variables, the call's arguments, plan symbols. */
export interface TypeEnvironment {
  state: Readonly<Record<string, ValueType>>;
  /** Arguments of the action a `before` rule guards; undefined where `arg.x` is not allowed. */
  args?: Readonly<Record<string, ValueType>>;
  symbols?: Readonly<Record<string, ValueType>>;
  actions: ReadonlySet<string>;
}

/** A name or operand of the wrong type, at an offset into the rule. */
export class ExpressionTypeError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(problem);
  }
}

/** Thrown while evaluating when a tool call's argument is missing or of the wrong type: the check fails closed. */
export class ArgumentMismatchError extends Error {}

export interface EvaluationContext {
  state: Readonly<Record<string, Value>>;
  args: Readonly<Record<string, unknown>>;
  counts: Readonly<Record<string, number>>;
}

/** A compiled expression: a closure, so a runtime check costs microseconds. */
export type Evaluator = (context: EvaluationContext) => Value;

const typeName = (type: ValueType) => (type.kind === "enum" ? `enum(${type.values.join("|")})` : type.kind);
const sameType = (left: ValueType, right: ValueType) =>
  left.kind === right.kind || (left.kind === "enum" && right.kind === "string") || (left.kind === "string" && right.kind === "enum");

/** Checks an expression's names and operand types; returns its type or throws `ExpressionTypeError`. */
export function typeOf(expression: Expression, environment: TypeEnvironment): ValueType {
  switch (expression.kind) {
    case "literal":
      return typeof expression.value === "number" ? { kind: "int" } : typeof expression.value === "boolean" ? { kind: "bool" } : { kind: "string" };
    case "state": {
      const type = environment.state[expression.name];
      if (type === undefined) {
        const known = Object.keys(environment.state);
        throw new ExpressionTypeError(expression.offset, `unknown state variable "${expression.name}"`, known.length === 0 ? "declare it under `state:`" : `use one of ${known.join(", ")} or declare it under \`state:\``);
      }
      return type;
    }
    case "arg": {
      if (environment.args === undefined) throw new ExpressionTypeError(expression.offset, `arg.${expression.name} is only defined in a "before ACTION:" rule`, "move the condition into a before rule");
      const type = environment.args[expression.name];
      if (type === undefined) throw new ExpressionTypeError(expression.offset, `argument "${expression.name}" has no declared type`, `declare it under \`arguments:\` for this action (int, bool or string)`);
      return type;
    }
    case "symbol": {
      const type = environment.symbols?.[expression.name];
      if (type === undefined) throw new ExpressionTypeError(expression.offset, `unknown symbol $${expression.name}`, "use a symbol that appears in the plan's arguments");
      return type;
    }
    case "count":
    case "done":
      if (!environment.actions.has(expression.action)) {
        throw new ExpressionTypeError(expression.offset, `unknown action "${expression.action}"`, `use one of ${[...environment.actions].join(", ")}`);
      }
      return expression.kind === "count" ? { kind: "int" } : { kind: "bool" };
    case "unary": {
      const operand = typeOf(expression.operand, environment);
      const wanted = expression.operator === "!" ? "bool" : "int";
      if (operand.kind !== wanted) throw new ExpressionTypeError(expression.offset, `"${expression.operator}" needs a ${wanted}, got ${typeName(operand)}`, `apply "${expression.operator}" to a ${wanted}`);
      return operand;
    }
    case "binary": {
      const left = typeOf(expression.left, environment);
      const right = typeOf(expression.right, environment);
      const operator = expression.operator;
      if (operator === "&&" || operator === "||") {
        if (left.kind !== "bool" || right.kind !== "bool") throw new ExpressionTypeError(expression.offset, `"${operator}" joins conditions, got ${typeName(left)} and ${typeName(right)}`, "compare values first, e.g. `x == 1 and y > 2`");
        return { kind: "bool" };
      }
      if (operator === "==" || operator === "!=") {
        if (!sameType(left, right)) throw new ExpressionTypeError(expression.right.offset, `cannot compare ${typeName(left)} with ${typeName(right)}`, "compare values of the same type");
        const enumSide = left.kind === "enum" ? left : right.kind === "enum" ? right : undefined;
        const literal = expression.left.kind === "literal" ? expression.left : expression.right.kind === "literal" ? expression.right : undefined;
        if (enumSide?.kind === "enum" && literal !== undefined && !enumSide.values.includes(String(literal.value))) {
          throw new ExpressionTypeError(literal.offset, `"${String(literal.value)}" is not a value of ${typeName(enumSide)}`, `use one of ${enumSide.values.map((value) => `"${value}"`).join(", ")}`);
        }
        return { kind: "bool" };
      }
      if (left.kind !== "int" || right.kind !== "int") {
        const bad = left.kind !== "int" ? expression.left : expression.right;
        throw new ExpressionTypeError(bad.offset, `"${operator}" needs integers, got ${typeName(left)} and ${typeName(right)}`, "use == / != for strings, enums and booleans");
      }
      return operator === "+" || operator === "-" ? { kind: "int" } : { kind: "bool" };
    }
  }
}

/** Reads a tool call's argument, accepting an integer written as digits (models often quote numbers). */
function readArgument(args: Readonly<Record<string, unknown>>, name: string, type: ValueType | undefined): Value {
  const raw = args[name];
  if (type?.kind === "int") {
    if (typeof raw === "number" && Number.isInteger(raw)) return raw;
    if (typeof raw === "string" && /^-?\d{1,15}$/.test(raw.trim())) return Number(raw.trim());
  } else if (type?.kind === "bool") {
    if (typeof raw === "boolean") return raw;
  } else if (typeof raw === "string") {
    return raw;
  }
  throw new ArgumentMismatchError(`argument "${name}" is ${raw === undefined ? "missing" : `${JSON.stringify(raw)}, not a ${type?.kind ?? "string"}`}`);
}

/** Compiles a type-checked expression into a closure. */
export function compileExpression(expression: Expression, environment: TypeEnvironment): Evaluator {
  switch (expression.kind) {
    case "literal": {
      const value = expression.value;
      return () => value;
    }
    case "state": {
      const name = expression.name;
      return (context) => context.state[name] as Value;
    }
    case "arg": {
      const name = expression.name;
      const type = environment.args?.[name];
      return (context) => readArgument(context.args, name, type);
    }
    case "symbol":
      throw new ExpressionTypeError(expression.offset, "symbols only exist in plans", "use arg.NAME at run time");
    case "count": {
      const action = expression.action;
      return (context) => context.counts[action] ?? 0;
    }
    case "done": {
      const action = expression.action;
      return (context) => (context.counts[action] ?? 0) > 0;
    }
    case "unary": {
      const operand = compileExpression(expression.operand, environment);
      return expression.operator === "!" ? (context) => !operand(context) : (context) => -(operand(context) as number);
    }
    case "binary": {
      const left = compileExpression(expression.left, environment);
      const right = compileExpression(expression.right, environment);
      switch (expression.operator) {
        case "&&":
          return (context) => (left(context) as boolean) && (right(context) as boolean);
        case "||":
          return (context) => (left(context) as boolean) || (right(context) as boolean);
        case "==":
          return (context) => left(context) === right(context);
        case "!=":
          return (context) => left(context) !== right(context);
        case "<":
          return (context) => (left(context) as number) < (right(context) as number);
        case "<=":
          return (context) => (left(context) as number) <= (right(context) as number);
        case ">":
          return (context) => (left(context) as number) > (right(context) as number);
        case ">=":
          return (context) => (left(context) as number) >= (right(context) as number);
        case "+":
          return (context) => (left(context) as number) + (right(context) as number);
        case "-":
          return (context) => (left(context) as number) - (right(context) as number);
      }
    }
  }
}
