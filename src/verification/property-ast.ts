/** Expressions of the property language, each with the offset of its first token for error messages. */
export type Expression =
  | { kind: "literal"; value: number | boolean | string; offset: number }
  /** A state variable declared in the policy's `state` section. */
  | { kind: "state"; name: string; offset: number }
  /** An argument of the tool call being checked: `arg.amount`. */
  | { kind: "arg"; name: string; offset: number }
  /** A per-thread fact set by trusted application code, never by graph input: `fact.customer_email`. */
  | { kind: "fact"; name: string; offset: number }
  /** A name bound by a quantifier (`recipient` in `all recipient in arg.to: ...`). */
  | { kind: "variable"; name: string; offset: number }
  /** The final answer's text, in `answer:` rules. */
  | { kind: "text"; offset: number }
  /** A list of string literals: `["billing", "support"]`. */
  | { kind: "list"; items: string[]; offset: number }
  /** A string function: iequals, starts_with, ends_with, contains, matches (a vetted regex literal). */
  | { kind: "call"; name: StringFunction; args: Expression[]; offset: number }
  /** Membership of a string in a list: `arg.team in ["billing", "support"]`. */
  | { kind: "in"; item: Expression; list: Expression; offset: number }
  /** `all x in LIST: BODY` / `any x in LIST: BODY` over a list argument. */
  | { kind: "quantifier"; quantifier: "all" | "any"; variable: string; source: Expression; body: Expression; offset: number }
  /** A plan's symbolic value: `$amount` (plan constraints only). */
  | { kind: "symbol"; name: string; offset: number }
  /** How many times an action ran earlier in the thread. */
  | { kind: "count"; action: string; offset: number }
  /** Whether an action ran earlier in the thread: `done(lookup_order)`. */
  | { kind: "done"; action: string; offset: number }
  | { kind: "unary"; operator: "!" | "-"; operand: Expression; offset: number }
  | { kind: "binary"; operator: BinaryOperator; left: Expression; right: Expression; offset: number };

export type BinaryOperator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "&&" | "||" | "+" | "-";

/** The string functions of the language. */
export const stringFunctions = ["iequals", "starts_with", "ends_with", "contains", "matches"] as const;
export type StringFunction = (typeof stringFunctions)[number];

/** A state property: the rules a plan and a running agent must keep. */
export type Property =
  | { kind: "never"; action: string; actionOffset: number }
  /**
   * `at most N ACTION per thread`, or `per fact.NAME`: counted across every thread whose fact NAME has this
   * thread's value (the customer), from the ledger.
   */
  | { kind: "at_most"; limit: number; action: string; actionOffset: number; scope?: { fact: string; offset: number } }
  | { kind: "before"; action: string; actionOffset: number; condition: Expression }
  /** `approve ACTION when CONDITION`: the call pauses for a person when the condition holds. */
  | { kind: "approve"; action: string; actionOffset: number; condition: Expression }
  | { kind: "always"; condition: Expression }
  /** `answer: CONDITION` over `text`, the final answer. */
  | { kind: "answer"; condition: Expression };

/** The value types of the language; enums are strings restricted to declared values; lists hold strings. */
export type ValueType = { kind: "int" } | { kind: "bool" } | { kind: "string" } | { kind: "list" } | { kind: "enum"; values: readonly string[] };
