import type { Provider } from "./providers.ts";
import type { ImportReport } from "./litellm-report.ts";

type Json = Record<string, unknown>;
export const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const numberOf = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : undefined);

/** LiteLLM's `provider/model` prefixes switchyard has a client for. */
const prefixes: Record<string, Provider> = { openai: "openai", gemini: "google-genai", ollama: "ollama", ollama_chat: "ollama" };
/** Where LiteLLM sends a provider's calls when `api_base` is absent: switchyard must not fall back to its emulator. */
const defaultBase: Record<Provider, string> = { openai: "https://api.openai.com/v1", "google-genai": "https://generativelanguage.googleapis.com", ollama: "http://localhost:11434" };
/** The variable LiteLLM reads a provider's key from when `api_key` is absent. */
const defaultKeyVariable: Partial<Record<Provider, string>> = { openai: "OPENAI_API_KEY", "google-genai": "GEMINI_API_KEY" };

/** A name switchyard accepts as a deployment id or group name (letters, digits, '.', '_', '-'). */
export function identifierOf(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return cleaned === "" ? "unnamed" : cleaned;
}

/** `openai/gpt-4o` → provider and model; a bare `gpt-*` / `o1`… name is OpenAI's, as LiteLLM infers. */
function providerOf(model: string): { provider: Provider; model: string } | { unsupported: string } {
  const slash = model.indexOf("/");
  if (slash > 0) {
    const prefix = model.slice(0, slash);
    const provider = prefixes[prefix];
    return provider === undefined ? { unsupported: prefix } : { provider, model: model.slice(slash + 1) };
  }
  return /^(gpt-|o\d|chatgpt-)/.test(model) ? { provider: "openai", model } : { unsupported: "(none: a bare model name LiteLLM resolves by its own tables)" };
}

export interface ImportedDeployment {
  group: string;
  deployment: Json;
}

/**
 * One `model_list` entry as a switchyard deployment, every field reported. Undefined when its provider has
 * no switchyard client (Azure, Anthropic, Bedrock, ...): reported, and left out of the config.
 */
export function importDeployment(entry: unknown, index: number, usedIds: Set<string>, report: ImportReport, defaultTimeoutSeconds: number | undefined): ImportedDeployment | undefined {
  const at = `model_list[${index}]`;
  if (!isRecord(entry) || typeof entry.model_name !== "string" || !isRecord(entry.litellm_params) || typeof entry.litellm_params.model !== "string") {
    report.notImported(at, "not a model_list entry (needs model_name and litellm_params.model)");
    return undefined;
  }
  const params = entry.litellm_params;
  const modelName = typeof params.model === "string" ? params.model : "";
  const info = isRecord(entry.model_info) ? entry.model_info : {};
  const resolved = providerOf(modelName);
  if ("unsupported" in resolved) {
    report.notImported(at, `provider ${resolved.unsupported} of ${modelName} has no switchyard client (openai/, gemini/ and ollama/ do); deployment left out`);
    return undefined;
  }
  if (typeof info.mode === "string" && info.mode !== "chat") {
    report.notImported(at, `model_info.mode ${info.mode}: switchyard routes chat models only; deployment left out`);
    return undefined;
  }
  const group = identifierOf(entry.model_name);
  report.mapped(`${at}.model_name`, "model_groups[].name", group === entry.model_name ? undefined : `renamed to ${group} (switchyard names allow letters, digits, '.', '_', '-')`);
  const wantedId = identifierOf(typeof info.id === "string" ? info.id : `${group}-${index + 1}`);
  let id = wantedId;
  for (let suffix = 2; usedIds.has(id); suffix++) id = `${wantedId}-${suffix}`;
  usedIds.add(id);
  if (typeof info.id === "string") report.mapped(`${at}.model_info.id`, "deployments[].id");
  const deployment: Json = { id, provider: resolved.provider, model: resolved.model };
  report.mapped(`${at}.litellm_params.model`, "deployments[].provider, deployments[].model", `${resolved.provider} ${resolved.model}`);
  if (typeof params.api_base === "string") {
    deployment.base_url = params.api_base;
    report.mapped(`${at}.litellm_params.api_base`, "deployments[].base_url");
  } else deployment.base_url = defaultBase[resolved.provider];
  const key = params.api_key;
  if (typeof key === "string" && key.startsWith("os.environ/")) {
    deployment.api_key_env = key.slice("os.environ/".length);
    report.mapped(`${at}.litellm_params.api_key`, "deployments[].api_key_env");
  } else if (key !== undefined) {
    const variable = `${id.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`;
    deployment.api_key_env = variable;
    report.approximated(`${at}.litellm_params.api_key`, "deployments[].api_key_env", `a literal key is never written to switchyard.yaml: export ${variable}=<the key>`);
  } else if (defaultKeyVariable[resolved.provider] !== undefined) deployment.api_key_env = defaultKeyVariable[resolved.provider];
  const limits: Json = {};
  for (const [name, from] of [["rpm", params.rpm ?? entry.rpm], ["tpm", params.tpm ?? entry.tpm]] as const) {
    const value = numberOf(from);
    if (value === undefined) continue;
    limits[name] = Math.max(1, Math.round(value));
    report.mapped(params[name] === undefined ? `${at}.${name}` : `${at}.litellm_params.${name}`, `deployments[].limits.${name}`);
  }
  const parallel = numberOf(params.max_parallel_requests);
  if (parallel !== undefined) {
    limits.max_concurrent = Math.max(1, Math.round(parallel));
    report.mapped(`${at}.litellm_params.max_parallel_requests`, "deployments[].limits.max_concurrent");
  }
  if (Object.keys(limits).length > 0) deployment.limits = limits;
  const timeout = numberOf(params.timeout) ?? defaultTimeoutSeconds;
  if (timeout !== undefined) deployment.timeout_ms = Math.max(1, Math.round(timeout * 1000));
  if (params.timeout !== undefined) report.mapped(`${at}.litellm_params.timeout`, "deployments[].timeout_ms", "seconds → ms");
  const weight = numberOf(params.weight);
  if (weight !== undefined && weight > 0) {
    deployment.weight = weight;
    report.mapped(`${at}.litellm_params.weight`, "deployments[].weight");
  }
  const maxTokens = numberOf(params.max_tokens);
  if (maxTokens !== undefined) {
    deployment.max_output_tokens = Math.max(1, Math.round(maxTokens));
    report.mapped(`${at}.litellm_params.max_tokens`, "deployments[].max_output_tokens");
  }
  const inputCost = numberOf(info.input_cost_per_token ?? params.input_cost_per_token);
  const outputCost = numberOf(info.output_cost_per_token ?? params.output_cost_per_token);
  if (inputCost !== undefined || outputCost !== undefined) {
    deployment.price = { input_per_1m: (inputCost ?? 0) * 1e6, output_per_1m: (outputCost ?? 0) * 1e6 };
    for (const name of ["input_cost_per_token", "output_cost_per_token"]) {
      if (info[name] !== undefined) report.mapped(`${at}.model_info.${name}`, "deployments[].price", "per token → per 1M tokens");
      if (params[name] !== undefined) report.mapped(`${at}.litellm_params.${name}`, "deployments[].price", "per token → per 1M tokens");
    }
  }
  const contextWindow = numberOf(info.max_input_tokens);
  if (contextWindow !== undefined) {
    deployment.context_window = Math.max(1, Math.round(contextWindow));
    report.mapped(`${at}.model_info.max_input_tokens`, "deployments[].context_window");
  }
  if (info.mode === "chat") report.mapped(`${at}.model_info.mode`, "deployments[]", "chat: what switchyard routes");
  return { group, deployment };
}
