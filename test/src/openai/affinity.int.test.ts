import type OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { AffinityTracker } from "../../../src/openai/affinity.ts";
import { servedOpenAI, type ServedOpenAI } from "./served-openai.ts";

describe("prompt-cache affinity on /v1", () => {
  let served: ServedOpenAI;
  let client: OpenAI;
  beforeAll(async () => {
    const input = defaultConfigInput();
    // Three OpenAI-compatible deployments in one consistent-hash group: which one a user lands on is the hash's choice.
    const deployments = ["a", "b", "c"].map((suffix) => ({ ...input.deployments[0]!, id: `openai-${suffix}` }));
    const config = parseConfigValue({ ...input, deployments, model_groups: [{ name: "chat", deployments: deployments.map((deployment) => deployment.id), strategy: "consistent-hash" }], requests: { model_group: "chat" } }, "test");
    served = await servedOpenAI({ seed: 4, config });
    client = served.client;
  });
  afterAll(() => served.close());

  it("keeps each user on one deployment and counts the hits in /metrics", async () => {
    for (const user of ["alice", "bob"]) {
      for (let index = 0; index < 4; index++) await client.chat.completions.create({ model: "chat", user, messages: [{ role: "user", content: `question ${index} from ${user}` }] });
    }
    const metrics = await (await fetch(`${served.listening.url}/metrics`)).text();
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
