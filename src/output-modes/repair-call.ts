import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, type AIMessage } from "@langchain/core/messages";
import type { z } from "zod";
import type { JsonSchema } from "./json-schema.ts";
import { repairPrompt } from "./mode-prompt.ts";
import { prepareModeCall } from "./prepare-mode-call.ts";
import type { OutputProvider } from "./schema-unsupported-error.ts";
import { toJsonSchema } from "./normalize-schema.ts";
import { structureOutput, type StructureResult } from "./structure-output.ts";

export interface RepairCallOptions {
  /** The (cheap) model that repairs; the caller routes to it. */
  model: BaseChatModel;
  /** What local structuring returned for the broken answer. */
  failed: Extract<StructureResult, { ok: false }>;
  schema: z.ZodType;
  /** `toJsonSchema(schema)`, when the caller has it already. */
  jsonSchema?: JsonSchema;
  /**
   * The repairing model's provider: when given, the call uses its native structured output (emit mode), so
   * the corrected answer is constrained on the wire too; without it the call is a plain chat turn.
   */
  provider?: OutputProvider;
  schemaName?: string;
  /** The original request, so a missing or wrong field can be filled from it rather than guessed. */
  input?: string;
  signal?: AbortSignal;
}

/** The repaired structure (or why the repair failed too), and what the call cost in tokens. */
export interface RepairCallResult {
  result: StructureResult;
  /** False when there was nothing to repair (an empty answer): no call was made. */
  called: boolean;
  reply?: AIMessage;
  inputTokens: number;
  outputTokens: number;
}

/**
 * One cheap repair call after local repair failed: the broken answer, what was wrong and the schema go to
 * the model ({@link repairPrompt}), which answers with corrected JSON; that answer is structured and
 * validated like an emit answer. The result is marked `repaired`. An empty answer is not sent (nothing
 * to keep); a failed repair comes back as a StructureResult failure, never as a throw, except transport
 * errors, which the caller's router classifies.
 *
 * @example
 * const local = structureOutput(reply, "reconstruct", schema, jsonSchema);
 * if (!local.ok) {
 *   const { result } = await repairCall({ model: engine.model("gpt-mini"), failed: local, schema });
 * }
 */
export async function repairCall(options: RepairCallOptions): Promise<RepairCallResult> {
  const { failed } = options;
  if (failed.failure === "empty" || failed.raw.trim() === "") return { result: failed, called: false, inputTokens: 0, outputTokens: 0 };
  const jsonSchema = options.jsonSchema ?? toJsonSchema(options.schema);
  const runnable =
    options.provider === undefined
      ? options.model
      : prepareModeCall({ model: options.model, provider: options.provider, mode: "emit", schema: options.schema, schemaName: options.schemaName ?? "answer" }).runnable;
  const prompt = repairPrompt(failed.raw, jsonSchema, failed.message, options.input);
  const reply = await runnable.invoke([new HumanMessage(prompt)], options.signal ? { signal: options.signal } : {});
  const structured = structureOutput(reply, "emit", options.schema, jsonSchema);
  const result: StructureResult = structured.ok ? { ...structured, repaired: true } : structured;
  return { result, called: true, reply, inputTokens: reply.usage_metadata?.input_tokens ?? 0, outputTokens: reply.usage_metadata?.output_tokens ?? 0 };
}
