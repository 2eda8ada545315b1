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
 * JSON form, a transform, or a construct that one of the modes a candidate provider may be asked in cannot
 * express. Every such mode must carry it, because the router may pick any of them (a mode that cannot
 * would fail in call_model); pinning a mode (request.mode) narrows the check to that mode.
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
    for (const mode of carrier.modes) {
      const refusal = refusalIn(carrier.provider, mode, jsonSchema);
      if (refusal === undefined) continue;
      const others = carrier.modes.length === 1 ? `, or pin another mode than ${mode}` : `, or pin a mode that can carry it (request.mode), or drop ${mode} from output_modes.allowed`;
      throw new SchemaNotCarriableError({
        schemaId,
        provider: carrier.provider,
        path: refusal.path,
        construct: `${refusal.construct} (in mode ${mode})`,
        fix: refusal.fix + others,
      });
    }
  }
}
