import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { guardianCommand } from "../../../../src/cli/commands/guardian.ts";
import { GUARDIAN_SNAPSHOT, PostgresEventLog, type GuardianSnapshot } from "../../../../src/guardian/index.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../../support/services.ts";

const available = await serviceAvailable("postgres");
const NOW = Date.now();

/** What a replica saved: one open quarantine of gemini. */
const saved: GuardianSnapshot = {
  version: 1,
  keys: [],
  incidents: [{ detector: "latency", deployment: "gemini-2.5-flash", action: "quarantine", phase: "active", openedAt: NOW - 1_000, until: NOW + 3_600_000, level: 1, firingStreak: 3, healthyStreak: 0, evidence: { p95_ms: 900 } }],
};

async function printed(argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    await guardianCommand(argv);
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe("switchyard guardian", () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-guardian-cli-"));
  const schema = runScopedName("switchyard_guardian_cli");
  afterAll(async () => {
    if (available) await dropPostgresSchema(schema);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it.skipIf(!available)("on storage: postgres:// reads the incidents the replicas saved in server.storage_schema", async () => {
    const log = await PostgresEventLog.open(postgresUrl, { schema });
    await log.saveSnapshot(GUARDIAN_SNAPSHOT, NOW, saved);
    await log.close();
    const example = fs.readFileSync(path.join(import.meta.dirname, "../../../../switchyard.example.yaml"), "utf8");
    const config = path.join(directory, "switchyard.yaml");
    fs.writeFileSync(config, `${example.replace(/^checkpoints:\n {2}url: .*$/m, `checkpoints:\n  url: ${postgresUrl}`)}\nserver:\n  storage_schema: ${schema}\n`);
    const [line] = await printed(["--config", config, "--json"]);
    expect(JSON.parse(line ?? "{}")).toMatchObject({ incidents: [{ deployment: "gemini-2.5-flash", action: "quarantine", phase: "active" }] });
  });
});
