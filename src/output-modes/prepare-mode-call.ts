import type { BaseChatModel, BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import type { AIMessage, BaseMessage } from "@langchain/core/messages";
import type { Runnable } from "@langchain/core/runnables";
import type { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import type { JsonSchema } from "./json-schema.ts";
import { modePrompt } from "./mode-prompt.ts";
import { normalizeSchema, toJsonSchema } from "./normalize-schema.ts";
import { shapeContract } from "./output-contract.ts";
import type { OutputMode } from "./protocol.ts";
import type { OutputProvider } from "./schema-unsupported-error.ts";

/** How emit mode asks for structure: the provider's JSON-schema response format, or one forced tool call. */
export type EmitMethod = "jsonSchema" | "functionCalling";

/** What {@link prepareModeCall} needs: the backend's chat model and the target schema. */
export interface ModeCallOptions {
  model: BaseChatModel;
  provider: OutputProvider;
  mode: OutputMode;
  schema: z.ZodType;
  schemaName: string;
  emitMethod?: EmitMethod;
  /** false: the model sees names and types but not the constraints (see `output_contract`); default true. */
  schemaConstraint?: boolean;
  /** true: descriptions and titles stay home, for fewer input tokens; default false. */
  compactContract?: boolean;
}

/** A model configured for one mode, and the system prompt to put first (compressed and reconstruct only). */
export interface PreparedModeCall {
  runnable: Runnable<BaseMessage[], AIMessage>;
  systemPrompt?: string;
  /** The schema the answer is checked against (zod's input side as JSON Schema). */
  jsonSchema: JsonSchema;
  /** What went on the wire for emit: the provider-normalised schema. */
  requestSchema?: JsonSchema;
}

/**
 * Configures the backend's model for an output mode. Emit binds the provider's native structured-output
 * request options (OpenAI `response_format` json_schema strict or a forced tool, Gemini `responseSchema`,
 * Ollama `format`), so the raw AIMessage comes back for {@link structureOutput}; compressed and reconstruct
 * leave the model as it is and return the system prompt. The caller invokes it and owns retries.
 *
 * @example
 * const { runnable, systemPrompt } = prepareModeCall({ model, provider: "openai", mode: "emit", schema, schemaName: "ticket" });
 * const reply = await runnable.invoke([new HumanMessage(ticket)]);
 */
export function prepareModeCall(options: ModeCallOptions): PreparedModeCall {
  const jsonSchema = toJsonSchema(options.schema);
  if (options.mode !== "emit") {
    return { runnable: options.model, systemPrompt: modePrompt(options.mode, shapeContract(jsonSchema, options)), jsonSchema };
  }
  const requestSchema = shapeContract(normalizeSchema(options.provider, jsonSchema), options);
  const method = options.emitMethod ?? "jsonSchema";
  const name = toolName(options.schemaName);
  const strict = options.schemaConstraint !== false;
  if (method === "functionCalling") {
    return { runnable: bindForcedTool(options.model, options.provider, name, requestSchema, strict), jsonSchema, requestSchema };
  }
  return { runnable: options.model.withConfig(callOptions(options.provider, name, requestSchema, strict)), jsonSchema, requestSchema };
}

/**
 * The provider call options for a JSON-schema response. Typed loosely on purpose: each client declares its
 * own option names (`response_format`, `responseSchema`, `format`) on its own call-options type.
 */
function callOptions(provider: OutputProvider, name: string, requestSchema: JsonSchema, strict: boolean): Partial<BaseChatModelCallOptions> {
  const description = typeof requestSchema.description === "string" ? { description: requestSchema.description } : {};
  const options: Record<string, unknown> =
    provider === "openai"
      ? { response_format: { type: "json_schema", json_schema: { name, ...description, strict, schema: requestSchema } } }
      : provider === "google-genai"
        ? { responseSchema: requestSchema }
        : { format: requestSchema };
  return options as Partial<BaseChatModelCallOptions>;
}

function bindForcedTool(model: BaseChatModel, provider: OutputProvider, name: string, parameters: JsonSchema, strict: boolean): Runnable<BaseMessage[], AIMessage> {
  if (model.bindTools === undefined) {
    throw new SwitchyardError("schema_unsupported", `emit with functionCalling needs a chat model with bindTools; ${model.getName()} has none. Use emitMethod "jsonSchema" or another mode`);
  }
  const { description, ...rest } = parameters;
  const tool = { type: "function" as const, function: { name, description: typeof description === "string" ? description : `Record the ${name}.`, parameters: rest } };
  // Each client spells "call this tool" its own way: OpenAI a function choice, Gemini ANY + allowed names;
  // Ollama has no tool_choice and follows a single offered tool.
  const kwargs: Record<string, unknown> =
    provider === "openai" ? { tool_choice: { type: "function", function: { name } }, strict }
    : provider === "google-genai" ? { tool_choice: name }
    : {};
  return model.bindTools([tool], kwargs as Partial<BaseChatModelCallOptions>);
}

/** Tool and response-format names allow [a-zA-Z0-9_-], at most 64 characters. */
function toolName(schemaName: string): string {
  const cleaned = schemaName.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 64);
  return cleaned === "" ? "extract" : cleaned;
}
