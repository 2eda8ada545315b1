import { afterAll, describe, expect, it } from "vitest";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { PostgresEventLog } from "../../../src/guardian/index.ts";
import { startEngine } from "../../../src/runtime/start-engine.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";

const available = await serviceAvailable("postgres");

describe.skipIf(!available)("startEngine on storage: postgres://", () => {
  const schema = runScopedName("switchyard_engine_events");
  afterAll(() => dropPostgresSchema(schema));

  it("gives every replica's guardian one event log and one baseline snapshot in server.storage_schema", async () => {
    const base = defaultConfigInput();
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
  }, 60_000);
});
