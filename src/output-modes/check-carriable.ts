import type { z } from "zod";
import type { JsonSchema } from "./json-schema.ts";
import { normalizeSchema, toJsonSchema } from "./normalize-schema.ts";
import type { OutputMode } from "./protocol.ts";
import { inlineRefs } from "./resolve-refs.ts";
import { SchemaNotCarriableError } from "./schema-not-carriable-error.ts";
import { SchemaUnsupportedError, type OutputProvider } from "./schema-unsupported-error.ts";
import { SwitchyardError } from "../errors.ts";
import { findUncarriable } from "./uncarriable-zod.ts";

/** A provider a request may reach, and the output modes it may be asked in there. */
export interface SchemaCarrier {
  provider: OutputProvider;
  modes: readonly OutputMode[];
}

/**
 * Whether one mode can carry the JSON schema to the provider: emit needs the provider's native subset;
 * compressed and reconstruct read properties by name and resolve no `$ref`, so recursion is what stops them.
 */
function refusalIn(provider: OutputProvider, mode: OutputMode, jsonSchema: JsonSchema): SchemaUnsupportedError | undefined {
  try {
    if (mode === "emit") normalizeSchema(provider, jsonSchema);
    else inlineRefs(provider, jsonSchema);
    return undefined;
  } catch (error) {
    if (error instanceof SchemaUnsupportedError) return error;
    throw error;
  }
}

/**
 * Refuses, before any backend call, an output schema the request could not get back: a zod type with no
 * JSON form, a transform, or (per candidate provider) a construct none of the modes it may be asked in
 * can express. Each provider needs one mode that carries the schema; when `modes` holds one (a pinned
 * mode) that mode must.
 *
 * @example
 * assertSchemaCarriable("ticket", ticketExtractionSchema, [{ provider: "openai", modes: ["emit"] }]); // passes
 */
export function assertSchemaCarriable(schemaId: string, schema: z.ZodType, carriers: readonly SchemaCarrier[]): void {
  const spot = findUncarriable(schema);
  if (spot !== undefined) throw new SchemaNotCarriableError({ schemaId, ...spot });
  let jsonSchema: JsonSchema;
  try {
    jsonSchema = toJsonSchema(schema);
  } catch (error) {
    if (error instanceof SwitchyardError) throw new SchemaNotCarriableError({ schemaId, path: "", construct: "a zod type with no JSON Schema form", fix: error.message });
    throw error;
  }
  for (const carrier of carriers) {
    const refusals = carrier.modes.map((mode) => refusalIn(carrier.provider, mode, jsonSchema));
    const first = refusals[0];
    if (first === undefined || refusals.some((refusal) => refusal === undefined)) continue;
    const modes = carrier.modes.join(", ");
    throw new SchemaNotCarriableError({
      schemaId,
      provider: carrier.provider,
      path: first.path,
      construct: `${first.construct} (in mode${carrier.modes.length === 1 ? "" : "s"} ${modes})`,
      fix: first.fix + (carrier.modes.length === 1 ? `, or pin another mode than ${modes}` : ""),
    });
  }
}
