import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../graphs/index.ts";
import { defaultConfigInput, parseConfigValue, type SwitchyardConfigInput } from "../../src/config/index.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import type { GatewayStateValue } from "../../src/state/gateway-state.ts";
import { workloadTasks } from "../../src/workload/index.ts";
import { seeded } from "../src/routing/fixtures.ts";
import { virtualTime } from "../support/test-clocks.ts";

const tasks = workloadTasks();
process.env.SWITCHYARD_DEAD_KEY = "sk-dead";

/**
 * Issue #14 item 1 on the real gateway graph (accept -> ... -> router -> verify_output -> guardian): the primary
 * group's deployments fail every call, the fallback group is healthy. Every request must succeed through it.
 */
function chainConfig(primary: "five-hundreds" | "dead", retry: SwitchyardConfigInput["retry"]): SwitchyardConfigInput {
  const base = defaultConfigInput();
  const deployments = base.deployments.map((deployment) =>
    // Port 9 on loopback: nothing listens, every connection is refused (a dead backend, not an emulated one).
    primary === "dead" && deployment.provider === "openai" ? { ...deployment, base_url: "http://127.0.0.1:9/v1", api_key_env: "SWITCHYARD_DEAD_KEY" } : deployment,
  );
  return {
    ...base,
    deployments,
    model_groups: [
      { name: "primary", deployments: ["openai-gpt-4o-mini", "gemini-2.5-flash"], fallbacks: ["backup"] },
      { name: "backup", deployments: ["ollama-llama3.1"] },
    ],
    requests: { model_group: "primary" },
    ...(retry === undefined ? {} : { retry }),
  };
}

async function gatewayFor(config: SwitchyardConfigInput, deadDeployments: "openai+gemini" | "gemini"): Promise<{ gateway: Gateway; time: ReturnType<typeof virtualTime> }> {
  const profile = quietProfile();
  profile.backends.gemini.errors.serverError = 1;
  if (deadDeployments === "openai+gemini") profile.backends.openai.errors.serverError = 1;
  const time = virtualTime();
  const gateway = await createGateway({ config: parseConfigValue(config, "test"), emulators: emulatorLauncher({ profile: profile }), checkpoints: ":memory:", seed: 5, random: seeded(11), now: time.now, sleep: time.sleep });
  return { gateway, time };
}

async function runMany(gateway: Gateway, count: number, prefix: string, extra: Record<string, unknown> = {}): Promise<GatewayStateValue[]> {
  const states: GatewayStateValue[] = [];
  for (let index = 0; index < count; index += 1) {
    const task = tasks[index % tasks.length]!;
    states.push(await gateway.invoke({ input: task.input, task_id: task.id, ...extra }, { threadId: `${prefix}-${index}` }));
  }
  return states;
}

function failuresOf(states: readonly GatewayStateValue[]): string {
  return states
    .filter((state) => state.status !== "succeeded")
    .slice(0, 2)
    .map((state) => JSON.stringify({ error: state.error, attempts: state.attempts.map((attempt) => [attempt.group, attempt.deployment, attempt.error_class ?? attempt.outcome]) }))
    .join("\n");
}

describe("the fallback chain on the gateway graph", () => {
  describe.each([
    { name: "primary group all 500 (emulators), old max_retries: 3", primary: "five-hundreds" as const, retry: { max_retries: 3 } },
    { name: "primary group all 500, max_retries: 8 and max_attempts 6", primary: "five-hundreds" as const, retry: { max_retries: 8 } },
    { name: "primary group dead (connection refused) and 500", primary: "dead" as const, retry: undefined },
  ])("$name", ({ primary, retry }) => {
    let subject: { gateway: Gateway; time: ReturnType<typeof virtualTime> };
    beforeAll(async () => {
      subject = await gatewayFor(chainConfig(primary, retry), primary === "dead" ? "gemini" : "openai+gemini");
    });
    afterAll(async () => subject.gateway.close());

    it("serves every request through the healthy fallback group", async () => {
      const startedAt = subject.time.now();
      const states = await runMany(subject.gateway, 40, `chain-${primary}`);
      expect(states.filter((state) => state.status === "succeeded").length, failuresOf(states)).toBe(40);
      for (const state of states) expect(state.attempts.at(-1)).toMatchObject({ group: "backup", deployment: "ollama-llama3.1", outcome: "ok" });
      // Cooldowns make later requests skip the failing group's retries; none waits its deadline out.
      expect(subject.time.now() - startedAt).toBeLessThan(40 * 5_000);
    }, 120_000);
  });

  it("moves a 5xx to the next deployment of the group before retrying the same one", async () => {
    const { gateway } = await gatewayFor(chainConfig("five-hundreds", undefined), "openai+gemini");
    try {
      const [state] = await runMany(gateway, 1, "order");
      const tried = state!.attempts.map((attempt) => attempt.deployment);
      expect(tried.slice(0, 2).sort()).toEqual(["gemini-2.5-flash", "openai-gpt-4o-mini"]);
      expect(state!.status).toBe("succeeded");
    } finally {
      await gateway.close();
    }
  }, 60_000);

  it("keeps the request's max_attempts: a request allowing 2 attempts still reaches the fallback", async () => {
    const { gateway } = await gatewayFor(chainConfig("five-hundreds", undefined), "openai+gemini");
    try {
      const [state] = await runMany(gateway, 1, "tight", { max_attempts: 2 });
      expect(state!.status, failuresOf([state!])).toBe("succeeded");
      expect(state!.attempts).toHaveLength(2);
      expect(state!.attempts.map((attempt) => attempt.group)).toEqual(["primary", "backup"]);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  it("with health probes, goes straight to the fallback group while every primary deployment is probed dead", async () => {
    const config = chainConfig("dead", undefined);
    const deployments = config.deployments.map((deployment) => (deployment.id === "gemini-2.5-flash" ? { ...deployment, base_url: "http://127.0.0.1:9", api_key_env: "SWITCHYARD_DEAD_KEY" } : deployment));
    const { gateway } = await gatewayFor({ ...config, deployments, health: { interval_ms: 3_600_000, unhealthy_after: 1 } }, "gemini");
    try {
      await gateway.engine.routing.health!.checkNow();
      const states = await runMany(gateway, 10, "probed");
      expect(states.filter((state) => state.status === "succeeded").length, failuresOf(states)).toBe(10);
      // Selection's last resort (an unhealthy deployment) is not taken while the fallback group has a healthy one.
      for (const state of states) expect(state.attempts.map((attempt) => [attempt.group, attempt.deployment])).toEqual([["backup", "ollama-llama3.1"]]);
      expect(states[0]!.attempts[0]!.reason).toMatch(/is unhealthy; every deployment of primary failed or is unavailable; next fallback is backup/);
    } finally {
      await gateway.close();
    }
  }, 60_000);

  it("retries a pinned deployment only after its backoff, per_deployment_retries times, and never moves it to a fallback group", async () => {
    const { gateway, time } = await gatewayFor(chainConfig("five-hundreds", undefined), "openai+gemini");
    try {
      const [state] = await runMany(gateway, 1, "pinned", { deployment: "gemini-2.5-flash" });
      expect(state!.status).toBe("failed");
      expect(state!.attempts.map((attempt) => [attempt.group, attempt.deployment])).toEqual([
        ["primary", "gemini-2.5-flash"],
        ["primary", "gemini-2.5-flash"],
      ]);
      expect(time.slept.length).toBe(1);
      expect(state!.error?.message).toMatch(/no deployment or fallback group left/);
    } finally {
      await gateway.close();
    }
  }, 60_000);
});
