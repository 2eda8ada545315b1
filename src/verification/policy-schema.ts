import { z } from "zod";

const actionName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an action name such as write_to_database");
const variableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name such as database_state");
const scalarType = z.enum(["int", "bool", "string"]);
/** An argument may also be a list of strings (recipients), for `all x in arg.to: ...`. */
const argumentType = z.enum(["int", "bool", "string", "list"]);

export const stateVariableSchema = z.union([
  z.strictObject({ type: z.literal("int"), initial: z.number().int().default(0) }),
  z.strictObject({ type: z.literal("bool"), initial: z.boolean().default(false) }),
  /** Free text (the last order looked up, a ticket's queue): compared with ==, iequals, in, starts_with, matches. */
  z.strictObject({ type: z.literal("string"), initial: z.string().default("") }),
  z.strictObject({ type: z.literal("enum"), values: z.array(z.string().min(1)).min(1), initial: z.string() }),
]);

/** A policy file as a user writes it (YAML). Validated with zod at load: a trust edge. */
export const policyFileSchema = z.strictObject({
  version: z.literal(1).default(1),
  name: z.string().default("policy"),
  allowed_actions: z.array(actionName).default([]),
  forbidden_actions: z.array(actionName).default([]),
  /** Actions that pause for a human decision before they run. */
  critical_actions: z.array(actionName).default([]),
  safety: z
    .strictObject({ no_pii_in_output: z.boolean().default(false), no_copyrighted_content: z.boolean().default(false) })
    .default({ no_pii_in_output: false, no_copyrighted_content: false }),
  /** The agent's typed state, as the properties see it. */
  state: z.record(variableName, stateVariableSchema).default({}),
  /** Per-thread facts set by trusted application code (the customer's address on file), for `fact.NAME`. */
  facts: z.record(variableName, scalarType).default({}),
  /** Argument types per action, for `arg.NAME` in `before` and `approve` rules. */
  arguments: z.record(actionName, z.record(variableName, argumentType)).default({}),
  /** How an action changes the state: variable -> expression over the state and the call's `arg.NAME`. */
  effects: z.record(actionName, z.record(variableName, z.union([z.string(), z.number(), z.boolean()]))).default({}),
  /** Rules in the property language, e.g. `before write_to_database: database_state == "locked"`, `approve refund when arg.amount > 500`. */
  properties: z.array(z.string().min(1)).default([]),
});

export type PolicyFile = z.output<typeof policyFileSchema>;
export type StateVariableSpec = z.output<typeof stateVariableSchema>;
