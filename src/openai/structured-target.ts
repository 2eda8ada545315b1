import { createHash } from "node:crypto";
import { z } from "zod";
import type { DeploymentConfig, SwitchyardConfig } from "../config/schema.ts";
import { assertSchemaCarriable, SchemaNotCarriableError } from "../output-modes/index.ts";
import type { SchemaRegistry } from "../runtime/schema-registry.ts";
import type { ResponseFormat } from "./chat-request.ts";
import { OpenAIRequestError } from "./openai-error.ts";

/** A response_format registered with the engine: what the triad structures and validates against. */
export interface StructuredTarget {
  schemaId: string;
  name: string;
  schema: z.ZodType;
}

/** json_object asks for any JSON object: a record the codecs and local validation understand. */
const anyObject = z.record(z.string(), z.unknown());
/** Caps how many distinct caller schemas the process converts and keeps: callers choose them, memory is ours. */
const MAX_SCHEMAS = 512;

/**
 * Turns a response_format into a registered schema (converted once per distinct schema, by content hash),
 * refusing, with the schema path in `param`, one that no reachable provider can carry in any allowed mode.
 */
export class StructuredTargets {
  readonly #known = new Map<string, StructuredTarget>();
  readonly #schemas: SchemaRegistry;
  readonly #config: SwitchyardConfig;

  constructor(schemas: SchemaRegistry, config: SwitchyardConfig) {
    this.#schemas = schemas;
    this.#config = config;
  }

  of(format: ResponseFormat | undefined, reachable: readonly DeploymentConfig[]): StructuredTarget | undefined {
    if (format === undefined || format.type === "text") return undefined;
    const source = format.type === "json_object" ? undefined : (format.json_schema.schema ?? { type: "object" });
    const text = JSON.stringify(source ?? "json_object");
    const schemaId = `openai:${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    const name = format.type === "json_schema" ? format.json_schema.name : "json_object";
    const cached = this.#known.get(schemaId);
    const target = cached === undefined ? this.#convert(schemaId, name, source) : { ...cached, name };
    const carriers = [...new Set(reachable.map((deployment) => deployment.provider))].map((provider) => ({ provider, modes: this.#config.output_modes.allowed }));
    try {
      assertSchemaCarriable(schemaId, target.schema, carriers);
    } catch (error) {
      if (error instanceof SchemaNotCarriableError) {
        const param = `response_format.json_schema.schema${error.path === "" ? "" : `.${error.path}`}`;
        throw new OpenAIRequestError({ status: 400, param, code: "schema_not_carriable", message: `${param}: ${error.message}`, cause: error });
      }
      throw error;
    }
    if (cached === undefined) {
      if (this.#known.size >= MAX_SCHEMAS) {
        // The oldest caller schema goes from both maps: the engine's registry must not grow with callers' schemas.
        const oldest = this.#known.keys().next().value ?? "";
        this.#known.delete(oldest);
        this.#schemas.unregister(oldest);
      }
      this.#known.set(schemaId, target);
    }
    this.#schemas.register({ id: schemaId, name, schema: target.schema });
    return target;
  }

  #convert(schemaId: string, name: string, source: unknown): StructuredTarget {
    if (source === undefined) return { schemaId, name, schema: anyObject };
    try {
      return { schemaId, name, schema: z.fromJSONSchema(source as Parameters<typeof z.fromJSONSchema>[0]) };
    } catch (error) {
      throw new OpenAIRequestError({ status: 400, param: "response_format.json_schema.schema", code: "invalid_schema", message: `response_format.json_schema.schema is not a JSON Schema switchyard can validate against (${error instanceof Error ? error.message : String(error)}). Fix: send a draft 2020-12 object schema.`, cause: error });
    }
  }
}
