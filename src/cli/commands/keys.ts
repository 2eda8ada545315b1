import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../../checkpoints/index.ts";
import { loadConfig } from "../../config/load.ts";
import { budgetPeriods, VirtualKeys, type BudgetPeriod, type VirtualKeyStore } from "../../openai/index.ts";
import { openPostgresServerStorage } from "../../server/state/index.ts";
import { commandFlags } from "../command-flags.ts";
import { intFlag, parseCommandArgs, UsageError } from "../args.ts";
import { renderTable } from "../table.ts";

const usage = `usage: switchyard keys create [--name N] [--models G1,G2] [--rpm N] [--tpm N] [--budget-usd 5] [--period minute|hour|day|month|total]
       switchyard keys list [--json]
       switchyard keys revoke KEY_ID
  [--config FILE] [--checkpoints FILE|postgres://…]: where switchyard serve keeps its state (keys live beside its checkpoints)`;

/** Where the server keeps its keys: the SQLite file beside its checkpoints, or its Postgres tables (shared by every replica). */
async function openKeys(values: { config?: string | undefined; checkpoints?: string | undefined }): Promise<{ keys: VirtualKeyStore; close(): Promise<void> }> {
  const config = loadConfig(values.config).config;
  const url = values.checkpoints ?? config.checkpoints.url;
  if (url.startsWith("postgres")) {
    const storage = await openPostgresServerStorage(url, config.server.storage_schema ? { schema: config.server.storage_schema } : {});
    return { keys: storage.keys, close: () => storage.close() };
  }
  if (url !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const database = openDatabase(url);
  return { keys: new VirtualKeys(database), close: async () => void database.close() };
}

function budgetOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`switchyard keys: --budget-usd must be a positive number of dollars, got "${value}".`);
  return parsed;
}

/**
 * `switchyard keys create|list|revoke`: virtual API keys for the OpenAI-compatible endpoint (/v1). The key is
 * printed once at creation; only its SHA-256 is stored.
 */
export async function keysCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs("keys", argv, commandFlags.keys);
  const [action, id] = positionals;
  if (values.help || action === undefined) return void console.log(usage);
  const period = values.period ?? "month";
  if (!(budgetPeriods as readonly string[]).includes(period)) throw new UsageError(`switchyard keys: --period "${period}" is not one of ${budgetPeriods.join(", ")}.`);
  const { keys, close } = await openKeys(values);
  try {
    if (action === "create") {
      const budgetUsd = budgetOf(values["budget-usd"]);
      const { key, record } = await keys.create({
        ...(values.name ? { name: values.name } : {}),
        ...(values.models ? { models: values.models.split(",").map((model) => model.trim()).filter(Boolean) } : {}),
        ...(values.rpm ? { rpm: intFlag("keys", "rpm", values.rpm, 1) } : {}),
        ...(values.tpm ? { tpm: intFlag("keys", "tpm", values.tpm, 1) } : {}),
        ...(budgetUsd === undefined ? {} : { budgetUsd }),
        period: period as BudgetPeriod,
      });
      console.log(values.json ? JSON.stringify({ key, ...record }) : `created ${record.id} (${record.name}); the key, shown once:\n${key}`);
      return;
    }
    if (action === "list") {
      const listed = await keys.list();
      if (values.json) return void listed.forEach((key) => console.log(JSON.stringify(key)));
      if (listed.length === 0) return void console.log("no virtual keys yet. Create one: switchyard keys create --budget-usd 5 --period day");
      const cell = (value: number | undefined) => (value === undefined ? "-" : String(value));
      console.log(renderTable(["id", "name", "models", "rpm", "tpm", "budget", "spent", "state"], listed.map((key) => [key.id, key.name, key.models?.join(",") ?? "all", cell(key.rpm), cell(key.tpm), key.budgetUsd === undefined ? "-" : `$${key.budgetUsd}/${key.period}`, `$${key.spentUsd.toFixed(6)}`, key.revokedAt === undefined ? "live" : "revoked"])));
      return;
    }
    if (action === "revoke") {
      if (id === undefined) throw new UsageError(`switchyard keys revoke: which key? Fix: switchyard keys revoke KEY_ID (ids from switchyard keys list).`);
      const revoked = await keys.revoke(id);
      console.log(`revoked ${revoked.id} (${revoked.name})`);
      return;
    }
    throw new UsageError(`switchyard keys: unknown action "${action}". Fix: use create, list or revoke.\n${usage}`);
  } finally {
    await close();
  }
}
