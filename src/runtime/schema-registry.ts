import type { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { ticketExtractionSchema } from "../workload/schema.ts";
import { didYouMean } from "../config/did-you-mean.ts";

/** A structured-output target the gateway can be asked for by id. */
export interface RegisteredSchema {
  id: string;
  /** The name providers see (OpenAI's json_schema.name, the tool name). */
  name: string;
  schema: z.ZodType;
}

export class UnknownSchemaError extends SwitchyardError {
  readonly schemaId: string;
  readonly available: readonly string[];

  constructor(schemaId: string, available: readonly string[]) {
    const suggestion = didYouMean(schemaId, available);
    super(
      "input_invalid",
      `request.schema_id "${schemaId}" is not registered. Fix: ${suggestion ? `did you mean "${suggestion}"? ` : ""}use one of: ${available.join(", ")}, or register it with engine.schemas.register().`,
    );
    this.schemaId = schemaId;
    this.available = available;
  }
}

/** Schemas live in the engine, not in state: state holds only the id, so checkpoints stay plain JSON. */
export class SchemaRegistry {
  readonly #schemas = new Map<string, RegisteredSchema>();

  constructor() {
    this.register({ id: "ticket", name: "ticket_extraction", schema: ticketExtractionSchema });
  }

  register(entry: RegisteredSchema): this {
    this.#schemas.set(entry.id, entry);
    return this;
  }

  /** Forgets a schema (callers that register schemas per request bound their number with it). */
  unregister(id: string): boolean {
    return this.#schemas.delete(id);
  }

  get(id: string): RegisteredSchema {
    const entry = this.#schemas.get(id);
    if (entry === undefined) throw new UnknownSchemaError(id, [...this.#schemas.keys()]);
    return entry;
  }
}
