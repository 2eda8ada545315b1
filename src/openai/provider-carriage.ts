import type { Provider } from "../config/providers.ts";
import type { JsonSchema } from "../output-modes/json-schema.ts";
import { normalizeSchema } from "../output-modes/normalize-schema.ts";
import { SchemaUnsupportedError } from "../output-modes/schema-unsupported-error.ts";
import type { ChatRequest, FunctionTool } from "./chat-request.ts";
import { OpenAIRequestError } from "./openai-error.ts";

/** Annotations no provider acts on: leaving them out changes nothing the model is asked for. */
const ANNOTATIONS = new Set(["title", "$schema", "$comment", "examples", "$id"]);
/** What Ollama's tool definition keeps of a parameter schema (its Go structs drop the rest). */
const OLLAMA_TOOL_KEYWORDS = new Set(["type", "description", "enum", "items", "properties", "required"]);

/** What Gemini's function declarations keep (src/output-modes/normalize-gemini.ts strips the rest). */
const GEMINI_TOOL_KEYWORDS = new Set(["type", "format", "description", "nullable", "enum", "minItems", "maxItems", "minimum", "maximum", "properties", "items", "required", "anyOf"]);

/** Request fields each LangChain client takes per call; the OpenAI proxy carries every field. */
const PER_CALL: Record<Exclude<Provider, "openai">, ReadonlySet<string>> = {
  "google-genai": new Set(["tools", "tool_choice"]),
  ollama: new Set(["tools", "tool_choice", "stop"]),
};
/** Fields that never reach a provider's request: the gateway reads them itself. */
const GATEWAY_FIELDS = new Set(["model", "messages", "stream", "stream_options", "response_format", "user", "n"]);

function refuse(provider: Provider, param: string, what: string, fix: string): never {
  throw new OpenAIRequestError({ status: 400, param, code: "unsupported_for_provider", message: `${param}: ${what} cannot be carried to ${provider}; switchyard refuses instead of dropping it. Fix: ${fix}` });
}

/** Every keyword of `schema` (walked like a JSON Schema) the `keep` predicate rejects, as [path, keyword]. */
function keywordsOutside(schema: unknown, keep: (keyword: string) => boolean, path: string, found: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return found;
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "properties" && typeof value === "object" && value !== null) {
      for (const [name, child] of Object.entries(value)) keywordsOutside(child, keep, `${path}.properties.${name}`, found);
    } else if (keyword === "items") keywordsOutside(value, keep, `${path}.items`, found);
    else if (!keep(keyword)) found.push([path, keyword]);
  }
  return found;
}

function checkToolParameters(provider: Exclude<Provider, "openai">, tool: FunctionTool, index: number): void {
  const parameters = tool.function.parameters;
  const base = `tools.${index}.function.parameters`;
  if (parameters === undefined) return;
  if (provider === "ollama") {
    const [first] = keywordsOutside(parameters, (keyword) => OLLAMA_TOOL_KEYWORDS.has(keyword) || ANNOTATIONS.has(keyword), base);
    if (first !== undefined) refuse(provider, `${first[0]}.${first[1]}`, `the JSON Schema keyword "${first[1]}"`, `Ollama tool parameters keep only ${[...OLLAMA_TOOL_KEYWORDS].join(", ")}; remove "${first[1]}" or route this request to an OpenAI deployment.`);
    return;
  }
  const [first] = keywordsOutside(parameters, (keyword) => GEMINI_TOOL_KEYWORDS.has(keyword) || ANNOTATIONS.has(keyword), base);
  if (first !== undefined) refuse(provider, `${first[0]}.${first[1]}`, `the JSON Schema keyword "${first[1]}"`, `Gemini function declarations keep only ${[...GEMINI_TOOL_KEYWORDS].join(", ")}; remove "${first[1]}" or route this request to an OpenAI deployment.`);
  try {
    normalizeSchema(provider, parameters as JsonSchema);
  } catch (error) {
    if (error instanceof SchemaUnsupportedError) refuse(provider, `${base}${error.path === "" ? "" : `.${error.path}`}`, error.construct, error.fix);
    throw error;
  }
}

/**
 * Refuses, naming the part, any request field or tool-schema keyword the provider's LangChain client would
 * drop on the way. OpenAI deployments are proxied with the body as sent, so nothing is dropped there.
 *
 * @example
 * assertCarriable("ollama", { model: "m", messages, temperature: 0.2 }) // throws, param "temperature"
 */
export function assertCarriable(provider: Provider, request: ChatRequest): void {
  if (provider === "openai") return;
  const perCall = PER_CALL[provider];
  for (const [field, value] of Object.entries(request)) {
    if (value === undefined || value === null || GATEWAY_FIELDS.has(field) || perCall.has(field)) continue;
    refuse(provider, field, `the request field "${field}"`, `leave it out, or route this request to an OpenAI deployment (its body is forwarded as sent).`);
  }
  const choice = request.tool_choice;
  if (provider === "ollama" && choice !== undefined && choice !== "auto" && choice !== "none") {
    refuse(provider, "tool_choice", `tool_choice ${JSON.stringify(choice)}`, `Ollama lets the model decide; send "auto" or "none".`);
  }
  request.tools?.forEach((tool, index) => checkToolParameters(provider, tool, index));
}

/**
 * A response_format request goes through the triad's prepared mode calls, which take no per-call sampling
 * options and no caller tools: those fields are refused by name rather than ignored.
 */
export function assertStructuredCarriable(provider: Provider, request: ChatRequest): void {
  for (const [field, value] of Object.entries(request)) {
    if (value === undefined || value === null || GATEWAY_FIELDS.has(field)) continue;
    refuse(provider, field, `the request field "${field}" beside response_format`, `leave it out: structured output runs in the output mode the policy picks (emit, compressed or reconstruct), which sets the call's options itself.`);
  }
}
