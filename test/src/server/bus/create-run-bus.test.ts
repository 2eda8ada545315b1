import { describe, expect, it } from "vitest";
import { createRunBus, InMemoryRunBus, RedisRunBus, runBusSettingsSchema } from "../../../../src/server/bus/index.ts";
import { redisUrl, serviceAvailable } from "../../../support/services.ts";

const redisUp = await serviceAvailable("redis");

describe("createRunBus", () => {
  it("keeps the in-process bus without a URL", () => {
    expect(createRunBus(undefined)).toBeInstanceOf(InMemoryRunBus);
    expect(createRunBus(runBusSettingsSchema.parse({}))).toBeInstanceOf(InMemoryRunBus);
  });

  it.skipIf(!redisUp)("opens the Redis bus for a redis:// URL", async () => {
    const redis = createRunBus(runBusSettingsSchema.parse({ url: redisUrl, key_prefix: "switchyard:unit" }), () => undefined);
    expect(redis).toBeInstanceOf(RedisRunBus);
    await redis.close();
  });

  it("refuses a key prefix that could reach other keys, and a URL of another scheme", () => {
    expect(() => runBusSettingsSchema.parse({ key_prefix: "prod:*" })).toThrow(/letters, digits/);
    expect(() => runBusSettingsSchema.parse({ url: "http://127.0.0.1:6379" })).toThrow(/not a usable URL/);
  });
});
