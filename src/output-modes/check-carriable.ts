import type { z } from "zod";
import type { JsonSchema } from "./json-schema.ts";
import { normalizeSchema, toJsonSchema } from "./normalize-schema.ts";
import type { OutputMode } from "./protocol.ts";
import { codecRefusal } from "./codec-refusal.ts";
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
 * Whether one mode can carry the JSON schema to the provider: emit needs the provider's native subset
 * (no recursion, its depth and enum limits); compressed and reconstruct need a schema their codec can
 * round-trip without changing a value (see {@link codecRefusal}); recursion they carry.
 */
function refusalIn(provider: OutputProvider, mode: OutputMode, jsonSchema: JsonSchema): SchemaUnsupportedError | undefined {
  if (mode !== "emit") {
    const refusal = codecRefusal(mode, jsonSchema);
    return refusal === undefined ? undefined : new SchemaUnsupportedError(provider, refusal.path, `${refusal.construct} (the ${mode} codec)`, refusal.fix);
  }
  try {
    normalizeSchema(provider, jsonSchema);
    return undefined;
  } catch (error) {
    if (error instanceof SchemaUnsupportedError) return error;
    throw error;
  }
}

/** Verdicts per zod schema and (provider, mode): a schema object is walked once, not per request. */
const verdicts = new WeakMap<z.ZodType, Map<string, SchemaUnsupportedError | undefined>>();

function refusalFor(schema: z.ZodType, jsonSchema: () => JsonSchema, provider: OutputProvider, mode: OutputMode): SchemaUnsupportedError | undefined {
  let known = verdicts.get(schema);
  if (known === undefined) verdicts.set(schema, (known = new Map()));
  const key = `${provider}:${mode}`;
  if (!known.has(key)) known.set(key, refusalIn(provider, mode, jsonSchema()));
  return known.get(key);
}

/**
 * The modes among `modes` that can carry the schema to the provider, in the given order: what the router may
 * pick for a deployment. A schema none of them carries yields [] (and {@link assertSchemaCarriable} refuses it).
 *
 * @example
 * carriableModes(treeSchema, "openai", ["emit", "compressed", "reconstruct"]) // ["compressed", "reconstruct"]
 */
export function carriableModes(schema: z.ZodType, provider: OutputProvider, modes: readonly OutputMode[]): OutputMode[] {
  let jsonSchema: JsonSchema | undefined;
  const lazy = () => (jsonSchema ??= toJsonSchema(schema));
  return modes.filter((mode) => refusalFor(schema, lazy, provider, mode) === undefined);
}

/**
 * Refuses, before any backend call, an output schema the request could not get back: a zod type with no
 * JSON form, a transform, or a provider the request may reach where none of the modes it may be asked in
 * can carry it. A mode that cannot carry it is not an error while another can: the router skips it (see
 * {@link carriableModes}); pinning a mode (request.mode) narrows the choice to that mode.
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
    const refusals = carrier.modes.map((mode) => ({ mode, refusal: refusalFor(schema, () => jsonSchema, carrier.provider, mode) }));
    if (refusals.length === 0 || refusals.some((entry) => entry.refusal === undefined)) continue;
    const [first] = refusals as [{ mode: OutputMode; refusal: SchemaUnsupportedError }];
    const others = refusals.slice(1).map((entry) => `${entry.mode}: ${entry.refusal?.construct ?? ""} at ${entry.refusal?.path || "(root)"}`);
    const fix = carrier.modes.length === 1 ? `, or pin another mode than ${first.mode}` : `, or allow another output mode (output_modes.allowed)`;
    throw new SchemaNotCarriableError({
      schemaId,
      provider: carrier.provider,
      path: first.refusal.path,
      construct: `${first.refusal.construct} (in mode ${first.mode}${others.length > 0 ? `; ${others.join("; ")}` : ""})`,
      fix: first.refusal.fix + fix,
    });
  }
}
