import { closest } from "./canonical-hash.ts";
import type { Expression, ValueType } from "./property-ast.ts";
import { compilePolicyPattern } from "./policy-pattern.ts";
import { regexProblem } from "./safe-regex.ts";
import { applyStringFunction, listItems } from "./string-functions.ts";

/** A value of the property language at run time. */
export type Value = number | boolean | string;
/** What an expression evaluates to: a value, or the items of a list. */
export type RuntimeValue = Value | readonly string[];

/** What names mean where an expression is checked: state variables, the call's arguments, plan symbols. */
export interface TypeEnvironment {
  state: Readonly<Record<string, ValueType>>;
  /** Arguments of the action a `before` rule guards; undefined where `arg.x` is not allowed. */
  args?: Readonly<Record<string, ValueType>>;
  symbols?: Readonly<Record<string, ValueType>>;
  /** Per-thread facts the policy declares (set by trusted code). */
  facts?: Readonly<Record<string, ValueType>>;
  /** Names bound by enclosing quantifiers. */
  variables?: Readonly<Record<string, ValueType>>;
  /** Whether `text` (the final answer) is in scope: `answer:` rules only. */
  text?: boolean;
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
  facts?: Readonly<Record<string, Value>>;
  /** Quantifier-bound names. */
  bound?: Readonly<Record<string, string>>;
  /** The final answer, for `answer:` rules. */
  text?: string;
}

/** A compiled expression: a closure, so a runtime check costs microseconds. */
export type Evaluator = (context: EvaluationContext) => RuntimeValue;

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
    case "fact": {
      const type = environment.facts?.[expression.name];
      if (type === undefined) {
        const known = Object.keys(environment.facts ?? {});
        throw new ExpressionTypeError(expression.offset, `unknown fact "${expression.name}"`, known.length === 0 ? "declare it under `facts:` (e.g. customer_email: string)" : `use one of ${known.join(", ")} or declare it under \`facts:\``);
      }
      return type;
    }
    case "variable":
      return environment.variables?.[expression.name] ?? { kind: "string" };
    case "text":
      if (environment.text !== true) throw new ExpressionTypeError(expression.offset, "`text` (the final answer) is only defined in an `answer:` rule", "move the condition into an `answer:` rule");
      return { kind: "string" };
    case "list":
      return { kind: "list" };
    case "call": {
      const [left, right, extra] = expression.args;
      if (left === undefined || right === undefined || extra !== undefined) throw new ExpressionTypeError(expression.offset, `${expression.name} takes two arguments`, `write ${expression.name}(VALUE, "text")`);
      for (const operand of [left, right]) {
        const type = typeOf(operand, environment);
        if (type.kind !== "string" && type.kind !== "enum") throw new ExpressionTypeError(operand.offset, `${expression.name} needs strings, got ${typeName(type)}`, "pass a string argument, fact or literal");
      }
      if (expression.name === "matches") {
        if (right.kind !== "literal" || typeof right.value !== "string") throw new ExpressionTypeError(right.offset, "the pattern of matches() must be a string literal", 'write matches(arg.body, "pattern")');
        const problem = regexProblem(right.value);
        if (problem !== undefined) throw new ExpressionTypeError(right.offset, `unsafe pattern: ${problem}`, "simplify the pattern: no nested quantifiers, alternation under a quantifier, back-references or lookarounds");
      }
      return { kind: "bool" };
    }
    case "in": {
      const item = typeOf(expression.item, environment);
      const list = typeOf(expression.list, environment);
      if ((item.kind !== "string" && item.kind !== "enum") || list.kind !== "list") throw new ExpressionTypeError(expression.offset, `"in" needs a string and a list, got ${typeName(item)} and ${typeName(list)}`, 'write arg.team in ["billing", "support"]');
      return { kind: "bool" };
    }
    case "quantifier": {
      const source = typeOf(expression.source, environment);
      if (source.kind !== "list") throw new ExpressionTypeError(expression.source.offset, `${expression.quantifier} ... in needs a list, got ${typeName(source)}`, "quantify over a list argument (declare it as `list` under arguments:)");
      const body = typeOf(expression.body, { ...environment, variables: { ...environment.variables, [expression.variable]: { kind: "string" } } });
      if (body.kind !== "bool") throw new ExpressionTypeError(expression.body.offset, `the body of ${expression.quantifier} must be a condition, got ${typeName(body)}`, "write a condition such as `recipient == fact.customer_email`");
      return { kind: "bool" };
    }
    case "symbol": {
      const type = environment.symbols?.[expression.name];
      if (type === undefined) throw new ExpressionTypeError(expression.offset, `unknown symbol $${expression.name}`, "use a symbol that appears in the plan's arguments");
      return type;
    }
    case "count":
    case "done":
      if (!environment.actions.has(expression.action)) {
        const guess = closest(expression.action, environment.actions);
        throw new ExpressionTypeError(expression.offset, `unknown action "${expression.action}"`, guess === undefined ? `use one of ${[...environment.actions].join(", ")}` : `did you mean "${guess}"?`);
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
function readArgument(args: Readonly<Record<string, unknown>>, name: string, type: ValueType | undefined): RuntimeValue {
  const raw = args[name];
  if (type?.kind === "int") {
    if (typeof raw === "number" && Number.isInteger(raw)) return raw;
    if (typeof raw === "string" && /^-?\d{1,15}$/.test(raw.trim())) return Number(raw.trim());
  } else if (type?.kind === "bool") {
    if (typeof raw === "boolean") return raw;
  } else if (type?.kind === "list") {
    const items = listItems(raw);
    if (items !== undefined) return items;
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
    case "fact": {
      const name = expression.name;
      return (context) => {
        const value = context.facts?.[name];
        // Fail closed: a rule over a fact the application never set cannot hold.
        if (value === undefined) throw new ArgumentMismatchError(`fact "${name}" is not set for this thread`);
        return value;
      };
    }
    case "variable": {
      const name = expression.name;
      return (context) => context.bound?.[name] ?? "";
    }
    case "text":
      return (context) => context.text ?? "";
    case "list": {
      const items = expression.items;
      return () => items;
    }
    case "call": {
      const name = expression.name;
      const left = compileExpression(expression.args[0] as Expression, environment);
      const rightExpression = expression.args[1] as Expression;
      const right = compileExpression(rightExpression, environment);
      const pattern = name === "matches" && rightExpression.kind === "literal" ? compilePolicyPattern(String(rightExpression.value)) : undefined;
      return (context) => applyStringFunction(name, String(left(context)), String(right(context)), pattern);
    }
    case "in": {
      const item = compileExpression(expression.item, environment);
      const list = compileExpression(expression.list, environment);
      return (context) => (list(context) as readonly string[]).includes(String(item(context)));
    }
    case "quantifier": {
      const source = compileExpression(expression.source, environment);
      const body = compileExpression(expression.body, { ...environment, variables: { ...environment.variables, [expression.variable]: { kind: "string" } } });
      const variable = expression.variable;
      const every = expression.quantifier === "all";
      return (context) => {
        const items = source(context) as readonly string[];
        const holds = (item: string) => body({ ...context, bound: { ...context.bound, [variable]: item } }) === true;
        return every ? items.every(holds) : items.some(holds);
      };
    }
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
