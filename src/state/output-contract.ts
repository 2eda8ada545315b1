import { z } from "zod";

/**
 * How the output contract travels to the model, per request. Defaults reproduce the plain modes:
 * emit by JSON-schema response format, the full schema (constraints and descriptions) on the wire.
 * - `emit_method`: `json_schema` (response format) or `tool` (one forced tool call); emit only.
 * - `schema_constraint: false`: the model sees field names, order and types, but not the constraints
 *   (enum lists, required, strictness, bounds). Local validation still uses the full schema.
 * - `compact: true`: descriptions and titles are left out of what travels (schema and prompt), for fewer
 *   input tokens.
 */
export const outputContractSchema = z.strictObject({
  emit_method: z.enum(["json_schema", "tool"]).optional(),
  schema_constraint: z.boolean().optional(),
  compact: z.boolean().optional(),
});
export type OutputContract = z.infer<typeof outputContractSchema>;
