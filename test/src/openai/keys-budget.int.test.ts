import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SwitchyardSqliteSaver } from "../../../checkpoints/index.ts";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { VirtualKeys } from "../../../src/openai/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";

const ticket = "My order ORD-1 never arrived and I want a refund of $40";

describe("virtual keys on /v1: allow-lists, rate limits and budgets", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  let keys: VirtualKeys;
  const clientFor = (apiKey: string) => new OpenAI({ baseURL: `${listening.url}/v1`, apiKey, maxRetries: 0 });
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 9 });
    const saver = gateway.persistence.checkpointer;
    if (!(saver instanceof SwitchyardSqliteSaver)) throw new Error("the test needs the SQLite saver");
    keys = new VirtualKeys(saver.database);
    // Rate limits count per calendar minute: a clock shifted to start a fresh minute now keeps the rpm case's
    // three requests in one window (on the wall clock they could straddle a minute and all be admitted).
    const offset = 60_000 - (Date.now() % 60_000);
    server = createServer({ gateway, now: () => Date.now() + offset });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await listening.close();
    await server.close();
    await gateway.close();
  });

  it("requires a key once one exists, and refuses revoked ones", async () => {
    await keys.create({ name: "stays" });
    const { key, record } = await keys.create({ name: "short-lived" });
    expect(key).toMatch(/^sk-sy-/);
    expect(keys.database.prepare("SELECT count(*) FROM openai_keys WHERE hash = ?").pluck().get(key)).toBe(0);
    await expect(clientFor("sk-sy-nope").models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect((await clientFor(key).models.list()).data.length).toBeGreaterThan(0);
    await keys.revoke(record.id);
    await expect(clientFor(key).models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("refuses a model group outside the key's allow-list with 403 naming it", async () => {
    const { key } = await keys.create({ name: "other-only", models: ["other-group"] });
    const error = await clientFor(key).chat.completions.create({ model: "extract", messages: [{ role: "user", content: ticket }] }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((error as Error).message).toContain('"extract"');
  });

  it("answers 429 naming rpm once the minute's requests are used", async () => {
    const { key } = await keys.create({ name: "slow", rpm: 2 });
    const client = clientFor(key);
    for (let index = 0; index < 2; index++) await client.chat.completions.create({ model: "openai-gpt-4o-mini", messages: [{ role: "user", content: ticket }], max_tokens: 200 });
    const error = await client.chat.completions.create({ model: "openai-gpt-4o-mini", messages: [{ role: "user", content: ticket }], max_tokens: 200 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as Error).message).toContain("requests per minute");
  });

  it("holds a USD budget under 32 concurrent clients: no overrun beyond one in-flight request", async () => {
    const budgetUsd = 0.0004;
    const { key, record } = await keys.create({ name: "budgeted", budgetUsd, period: "day", models: ["extract"] });
    const client = clientFor(key);
    const costs: number[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: 32 }, async () => {
        try {
          const completion = await client.chat.completions.create({ model: "openai-gpt-4o-mini", messages: [{ role: "user", content: ticket }], max_tokens: 200 });
          const usage = completion.usage;
          costs.push(((usage?.prompt_tokens ?? 0) * 0.15 + (usage?.completion_tokens ?? 0) * 0.6) / 1e6);
          return "ok";
        } catch (error) {
          expect(error).toBeInstanceOf(OpenAI.RateLimitError);
          expect((error as Error).message).toContain("budget of $0.0004 per day");
          return "refused";
        }
      }),
    );
    expect(outcomes).toContain("ok");
    expect(outcomes).toContain("refused");
    const spent = await keys.spent(record);
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(budgetUsd + Math.max(...costs));
    const reserved = keys.database.prepare("SELECT reserved_usd FROM openai_key_spend WHERE key_id = ?").pluck().get(record.id);
    expect(reserved).toBeCloseTo(0, 12);
  });
});
