import { parse, stringify } from "yaml";
import { ConfigError } from "./config-error.ts";
import { identifierOf, importDeployment, isRecord } from "./litellm-deployment.ts";
import { importRouting, type GroupSettings } from "./litellm-routing.ts";
import { ImportReport, type ImportNote } from "./litellm-report.ts";
import { parseConfigValue } from "./load.ts";

export { ImportReport, type ImportNote, type ImportStatus } from "./litellm-report.ts";

export interface LitellmImport {
  /** The switchyard.yaml content (as written, defaults left out), already validated by the config loader. */
  config: Record<string, unknown>;
  yaml: string;
  /** Every setting of the LiteLLM file: mapped, approximated (what changed) or not imported (why). */
  notes: ImportNote[];
}

/**
 * Maps a LiteLLM proxy config (model_list, router_settings, litellm_settings, general_settings) to a
 * switchyard config. Each LiteLLM `model_name` becomes a model group of the deployments that share it; every
 * setting is reported, and the ones with no equivalent are named, never dropped in silence. The result is
 * checked by the same loader `switchyard serve` uses, so what is written loads.
 *
 * @example
 * const { yaml, notes } = importLitellm(fs.readFileSync("litellm_config.yaml", "utf8"), "litellm_config.yaml");
 */
export function importLitellm(text: string, file: string): LitellmImport {
  const input: unknown = parse(text);
  if (!isRecord(input) || !Array.isArray(input.model_list)) {
    throw new ConfigError(file, [{ path: "model_list", message: "a LiteLLM proxy config has a model_list", fix: "pass the proxy's config.yaml (the file given to `litellm --config`)" }]);
  }
  const report = new ImportReport();
  const router = isRecord(input.router_settings) ? input.router_settings : {};
  const library = isRecord(input.litellm_settings) ? input.litellm_settings : {};
  const timeoutSeconds = numberOr(router.timeout) ?? numberOr(library.request_timeout);
  if (router.timeout !== undefined) report.mapped("router_settings.timeout", "deployments[].timeout_ms", "default for deployments without their own timeout; seconds → ms");
  else if (library.request_timeout !== undefined) report.mapped("litellm_settings.request_timeout", "deployments[].timeout_ms", "default for deployments without their own timeout; seconds → ms");
  const usedIds = new Set<string>();
  const groups = new Map<string, string[]>();
  const deployments: Record<string, unknown>[] = [];
  input.model_list.forEach((entry, index) => {
    const imported = importDeployment(entry, index, usedIds, report, timeoutSeconds);
    if (imported === undefined) return;
    deployments.push(imported.deployment);
    groups.set(imported.group, [...(groups.get(imported.group) ?? []), String(imported.deployment.id)]);
  });
  if (deployments.length === 0) {
    throw new ConfigError(file, [{ path: "model_list", message: "no deployment could be imported (switchyard has clients for openai/, gemini/ and ollama/ models)", fix: "add at least one openai/, gemini/ or ollama/ model to model_list" }]);
  }
  const settings: GroupSettings = importRouting({ router, library, groups: [...groups.keys()], report, rename: identifierOf });
  const config: Record<string, unknown> = {
    version: 1,
    deployments,
    model_groups: [...groups].map(([name, members]) => ({ name, deployments: members, ...settings.forGroup(name) })),
    ...settings.top,
    requests: { model_group: [...groups.keys()][0] },
  };
  importGeneral(input.general_settings, config, report);
  report.sweep(input);
  parseConfigValue(config, `${file} (imported)`);
  const header = `# Imported from ${file} by \`switchyard import litellm\`. Settings not carried over are listed by the command.\n`;
  return { config, yaml: header + stringify(config), notes: report.notes };
}

function numberOr(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** general_settings: the proxy's own key becomes the server's API key variable; the rest is LiteLLM's proxy. */
function importGeneral(general: unknown, config: Record<string, unknown>, report: ImportReport): void {
  if (!isRecord(general)) return;
  const key = general.master_key;
  if (typeof key === "string" && key.startsWith("os.environ/")) {
    config.server = { auth: { api_keys_env: key.slice("os.environ/".length) } };
    report.mapped("general_settings.master_key", "server.auth.api_keys_env");
  } else if (typeof key === "string") {
    config.server = { auth: { api_keys_env: "SWITCHYARD_API_KEYS" } };
    report.approximated("general_settings.master_key", "server.auth.api_keys_env", "a literal key is never written to switchyard.yaml: export SWITCHYARD_API_KEYS=<the key>");
  }
}
