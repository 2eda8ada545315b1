import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { z } from "zod";
import type { DeploymentConfig } from "../config/schema.ts";
import { contractCallOptions, prepareModeCall, type OutputContract, type PreparedModeCall } from "../output-modes/index.ts";
import type { OutputMode } from "../output-modes/protocol.ts";

/** What one call in a mode needs prepared: the deployment, the mode, the target schema, the output contract. */
export interface ModeCallKey {
  deployment: DeploymentConfig;
  mode: OutputMode;
  schema: z.ZodType;
  schemaName: string;
  contract: OutputContract | undefined;
}

/**
 * Prepared mode calls (the model bound to its structured-output options, the system prompt, the JSON Schema),
 * made once per (deployment, mode, schema, contract) and reused: preparing one converts and normalises the
 * schema, which cost about a twentieth of a request's CPU when done per call.
 */
export class ModeCalls {
  readonly #bySchema = new WeakMap<z.ZodType, Map<string, PreparedModeCall>>();
  readonly #model: (id: string) => BaseChatModel;

  constructor(model: (id: string) => BaseChatModel) {
    this.#model = model;
  }

  /** The prepared call for `key`, built on first use. */
  get(key: ModeCallKey): PreparedModeCall {
    let byKey = this.#bySchema.get(key.schema);
    if (byKey === undefined) this.#bySchema.set(key.schema, (byKey = new Map()));
    const id = `${key.deployment.id}|${key.mode}|${key.schemaName}|${JSON.stringify(key.contract ?? null)}`;
    let prepared = byKey.get(id);
    if (prepared === undefined) {
      prepared = prepareModeCall({
        model: this.#model(key.deployment.id),
        provider: key.deployment.provider,
        mode: key.mode,
        schema: key.schema,
        schemaName: key.schemaName,
        ...contractCallOptions(key.contract),
      });
      byKey.set(id, prepared);
    }
    return prepared;
  }
}
