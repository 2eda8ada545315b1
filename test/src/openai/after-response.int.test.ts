import type OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { servedOpenAI, type ServedOpenAI } from "./served-openai.ts";

describe("bookkeeping after the /v1 response", () => {
  let served: ServedOpenAI;
  let client: OpenAI;
  beforeAll(async () => {
    const input = defaultConfigInput();
    // One slot: a request whose lease release were still pending when the next is planned would be refused.
    const deployment = { ...input.deployments[0]!, id: "only", limits: { max_concurrent: 1 } };
    const config = parseConfigValue({ ...input, deployments: [deployment], model_groups: [{ name: "chat", deployments: ["only"] }], requests: { ...input.requests, model_group: "chat", max_attempts: 1 } }, "test");
    served = await servedOpenAI({ seed: 5, config });
    client = served.client;
  });
  afterAll(() => served.close());

  it("settles each request's lease before the next is planned, so back-to-back requests keep the slot", async () => {
    for (let index = 0; index < 12; index++) {
      const completion = await client.chat.completions.create({ model: "chat", messages: [{ role: "user", content: `question ${index}` }] });
      expect(completion.choices[0]?.message.role).toBe("assistant");
    }
    const metrics = await (await fetch(`${served.listening.url}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_http_requests_total\{method="POST",status="200"\} 12/);
  });
});
