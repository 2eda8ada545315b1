import OpenAI from "openai";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, openPostgresServerStorage, type ListeningServer, type ServerStorage, type SwitchyardServer } from "../../../src/server/index.ts";
import { pollUntil } from "../../support/poll-until.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";

const available = await serviceAvailable("postgres");
const ticket = "My order ORD-1 never arrived and I want a refund of $40";

describe.skipIf(!available)("virtual keys on /v1 across three replicas on one Postgres schema", () => {
  const schema = runScopedName("switchyard_keys_replicas");
  let gateway: Gateway;
  const replicas: Array<{ storage: ServerStorage; server: SwitchyardServer; listening: ListeningServer }> = [];

  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 9 });
    for (let index = 0; index < 3; index += 1) {
      // Each replica its own pool on the one schema, as three machines would have.
      const storage = await openPostgresServerStorage(postgresUrl, { schema });
      const server = createServer({ gateway, storage });
      replicas.push({ storage, server, listening: await server.serve({ port: 0, host: "127.0.0.1" }) });
    }
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) {
      await replica.listening.close();
      await replica.server.close();
      await replica.storage.close();
    }
    await gateway?.close();
    await dropPostgresSchema(schema);
  });

  it("a key made on A works on B and C; 36 concurrent clients over the three overrun its budget by at most one in-flight request", async () => {
    const [a] = replicas;
    if (a === undefined) throw new Error("replicas did not start");
    const budgetUsd = 0.0004;
    const { key, record } = await a.storage.keys.create({ name: "budgeted", budgetUsd, period: "day", models: ["extract"] });
    const costs: number[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: 36 }, async (_, index) => {
        const replica = replicas[index % replicas.length];
        const client = new OpenAI({ baseURL: `${replica?.listening.url}/v1`, apiKey: key, maxRetries: 0 });
        try {
          const completion = await client.chat.completions.create({ model: "openai-gpt-4o-mini", messages: [{ role: "user", content: ticket }], max_tokens: 200 });
          const usage = completion.usage;
          costs.push(((usage?.prompt_tokens ?? 0) * 0.15 + (usage?.completion_tokens ?? 0) * 0.6) / 1e6);
          return `ok ${index % replicas.length}`;
        } catch (error) {
          expect(error).toBeInstanceOf(OpenAI.RateLimitError);
          expect((error as Error).message).toContain("budget of $0.0004 per day");
          return "refused";
        }
      }),
    );
    expect(outcomes).toContain("refused");
    // Admitted on more than one replica: the budget is one, not one per replica.
    expect(new Set(outcomes.filter((outcome) => outcome.startsWith("ok"))).size).toBeGreaterThan(1);
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      // Settling runs after each answer: wait for the last reservation to turn into spend.
      const settled = await pollUntil("every reservation settled", async () => {
        const { rows } = await client.query<{ spent_usd: number; reserved_usd: number }>(`SELECT spent_usd, reserved_usd FROM "${schema}".openai_key_spend WHERE key_id = $1`, [record.id]);
        const row = rows[0];
        return row !== undefined && row.reserved_usd < 1e-12 ? row : undefined;
      }, 10_000);
      expect(settled.spent_usd).toBeGreaterThan(0);
      expect(settled.spent_usd).toBeLessThanOrEqual(budgetUsd + Math.max(...costs));
      expect(await a.storage.keys.spent(record)).toBeCloseTo(settled.spent_usd, 12);
    } finally {
      await client.end();
    }
  }, 60_000);
});
