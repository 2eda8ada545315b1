import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { eventsCommand } from "../../../src/cli/commands/events.ts";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { PostgresEventLog } from "../../../src/guardian/index.ts";
import { startEngine } from "../../../src/runtime/start-engine.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";

const available = await serviceAvailable("postgres");

describe.skipIf(!available)("startEngine on storage: postgres://", () => {
  const schema = runScopedName("switchyard_engine_events");
  afterAll(() => dropPostgresSchema(schema));

  const base = defaultConfigInput();

  it("gives every replica's guardian one event log and one baseline snapshot in server.storage_schema", async () => {
    const config = parseConfigValue({ ...base, storage: postgresUrl, server: { ...base.server, storage_schema: schema } }, "switchyard.yaml");
    const start = () => startEngine({ config, emulators: emulatorLauncher({ profile: quietProfile() }) });
    const [a, b] = await Promise.all([start(), start()]);
    try {
      expect(a.guardian.log).toBeInstanceOf(PostgresEventLog);
      a.guardian.reportSecurity({ kind: "verification_block", reason: "blocked on A", threadId: "t-a" });
      await (a.guardian.log as PostgresEventLog).flush();
      expect((await b.guardian.log.query({ category: "security" })).map((event) => event.reason)).toEqual(["blocked on A"]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    // A replica starting later restores the baselines the others saved at close.
    const c = await start();
    try {
      expect(await c.guardian.log.loadSnapshot("default")).toMatchObject({ snapshot: expect.anything() });
      expect((await c.guardian.log.query()).length).toBeGreaterThan(0);
    } finally {
      await c.close();
    }
    // `switchyard events` with the same config reads the same log.
    const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-events-")), "switchyard.yaml");
    // JSON is YAML: the same config the engines started with.
    fs.writeFileSync(configFile, JSON.stringify({ ...base, storage: postgresUrl, server: { ...base.server, storage_schema: schema } }));
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      await eventsCommand(["--config", configFile, "--category", "security", "--json"]);
    } finally {
      spy.mockRestore();
      fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
    }
    expect(printed.map((line) => (JSON.parse(line) as { reason: string }).reason)).toEqual(["blocked on A"]);
  }, 60_000);
});
