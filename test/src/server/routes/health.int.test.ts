import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../../graphs/index.ts";
import { defaultConfigInput, parseConfigValue } from "../../../../src/config/index.ts";
import { quietProfile, emulatorLauncher } from "../../../../src/emulators/index.ts";
import { healthReport } from "../../../../src/server/index.ts";

/** primary (openai, gemini) -> backup (ollama); "solo" (ollama too) has no fallbacks. */
function config() {
  const base = defaultConfigInput();
  return parseConfigValue(
    {
      ...base,
      model_groups: [
        { name: "primary", deployments: ["openai-gpt-4o-mini", "gemini-2.5-flash"], fallbacks: ["backup"] },
        { name: "backup", deployments: ["ollama-llama3.1"] },
        { name: "solo", deployments: ["ollama-llama3.1"] },
      ],
      requests: { model_group: "primary" },
    },
    "test",
  );
}

describe("/health over the fallback chains", () => {
  let gateway: Gateway;
  let clock = 1_000_000;
  const now = () => clock;
  const cool = async (id: string) => gateway.engine.routing.router.state.setCooldown(id, clock + 30_000, "test: 500s");
  const report = () => healthReport({ engine: gateway.engine, now });

  beforeAll(async () => {
    gateway = await createGateway({ config: config(), emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", now });
  });
  afterAll(async () => gateway.close());

  it("is ok when every group's own deployments can serve", async () => {
    const { httpStatus, body } = await report();
    expect(httpStatus).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.degraded_groups).toBeUndefined();
  });

  it("is degraded (200), naming the group and its serving fallback, when only a fallback can serve it", async () => {
    await cool("openai-gpt-4o-mini");
    expect((await report()).body.status).toBe("ok");
    // Issue #14: the whole primary group down used to read "ok" because the fallback counted as able to serve.
    await cool("gemini-2.5-flash");
    const { httpStatus, body } = await report();
    expect(httpStatus).toBe(200);
    expect(body).toMatchObject({ status: "degraded", degraded_groups: [{ group: "primary", served_by: "backup" }] });
    expect(body.unavailable_groups).toBeUndefined();
  });

  it("is 503 when some group can be served by nothing in its chain, and ok again once the cooldowns end", async () => {
    await cool("ollama-llama3.1");
    const { httpStatus, body } = await report();
    expect(httpStatus).toBe(503);
    expect(body).toMatchObject({ status: "unavailable", unavailable_groups: ["primary", "backup", "solo"] });
    clock += 31_000;
    const healed = await report();
    expect(healed).toMatchObject({ httpStatus: 200, body: { status: "ok" } });
  });
});
