import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { AffinityTracker } from "../../../src/openai/affinity.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";

describe("prompt-cache affinity on /v1", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  let client: OpenAI;
  beforeAll(async () => {
    const input = defaultConfigInput();
    // Three OpenAI-compatible deployments in one consistent-hash group: which one a user lands on is the hash's choice.
    const deployments = ["a", "b", "c"].map((suffix) => ({ ...input.deployments[0]!, id: `openai-${suffix}` }));
    const config = parseConfigValue({ ...input, deployments, model_groups: [{ name: "chat", deployments: deployments.map((deployment) => deployment.id), strategy: "consistent-hash" }], requests: { model_group: "chat" } }, "test");
    gateway = await createGateway({ config, emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 4 });
    server = createServer({ gateway });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
    client = new OpenAI({ baseURL: `${listening.url}/v1`, apiKey: "unused", maxRetries: 0 });
  });
  afterAll(async () => {
    await listening.close();
    await server.close();
    await gateway.close();
  });

  it("keeps each user on one deployment and counts the hits in /metrics", async () => {
    for (const user of ["alice", "bob"]) {
      for (let index = 0; index < 4; index++) await client.chat.completions.create({ model: "chat", user, messages: [{ role: "user", content: `question ${index} from ${user}` }] });
    }
    const metrics = await (await fetch(`${listening.url}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_openai_affinity_total\{result="hit"\} 6/);
    expect(metrics).toMatch(/switchyard_openai_affinity_total\{result="new"\} 2/);
    expect(metrics).not.toMatch(/switchyard_openai_affinity_total\{result="miss"\} [1-9]/);
  });

  it("counts a miss when a key's deployment changes, and ignores requests without a key", () => {
    const tracker = new AffinityTracker();
    tracker.observe("k", "a");
    tracker.observe("k", "a");
    tracker.observe("k", "b");
    tracker.observe(undefined, "a");
    expect(tracker.counts).toEqual({ hit: 1, miss: 1, new: 1 });
  });
});
