/** Expressions of the property language, each with the offset of its first token for error messages. */
export type Expression =
  | { kind: "literal"; value: number | boolean | string; offset: number }
  /** A state variable declared in the policy's `state` section. */
  | { kind: "state"; name: string; offset: number }
  /** An argument of the tool call being checked: `arg.amount`. */
  | { kind: "arg"; name: string; offset: number }
  /** A plan's symbolic value: `$amount` (plan constraints only). */
  | { kind: "symbol"; name: string; offset: number }
  /** How many times an action ran earlier in the thread. */
  | { kind: "count"; action: string; offset: number }
  /** Whether an action ran earlier in the thread: `done(lookup_order)`. */
  | { kind: "done"; action: string; offset: number }
  | { kind: "unary"; operator: "!" | "-"; operand: Expression; offset: number }
  | { kind: "binary"; operator: BinaryOperator; left: Expression; right: Expression; offset: number };

export type BinaryOperator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||" | "+" | "-";

/** A state property: the rules a plan and a running agent must keep. */
export type Property =
  | { kind: "never"; action: string; actionOffset: number }
  | { kind: "at_most"; limit: number; action: string; actionOffset: number }
  | { kind: "before"; action: string; actionOffset: number; condition: Expression }
  | { kind: "always"; condition: Expression };

/** The value types of the language; enums are strings restricted to declared values, strings compare by equality. */
export type ValueType = { kind: "int" } | { kind: "bool" } | { kind: "string" } | { kind: "enum"; values: readonly string[] };
