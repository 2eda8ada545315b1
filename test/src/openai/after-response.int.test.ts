import type OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { ChatService } from "../../../src/openai/chat-service.ts";
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

  it("keeps the one slot across back-to-back requests over HTTP", async () => {
    for (let index = 0; index < 12; index++) {
      const completion = await client.chat.completions.create({ model: "chat", messages: [{ role: "user", content: `question ${index}` }] });
      expect(completion.choices[0]?.message.role).toBe("assistant");
    }
    const metrics = await (await fetch(`${served.listening.url}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_http_requests_total\{method="POST",status="200"\} 12/);
  });

  it("settles the previous request's lease before planning the next, even within one event-loop turn", async () => {
    const engine = served.gateway.engine;
    const service = new ChatService({ engine, emulators: engine.emulators?.urls });
    // No await between the answer and the next request: the setImmediate batch has not run when it is planned.
    // Had the plan read the slot as still held, it would wait for it (engine.sleep) instead of calling at once.
    const sleep = vi.spyOn(engine, "sleep");
    let answered = 0;
    const next = (index: number): Promise<void> =>
      service.answer(service.prepare({ model: "chat", messages: [{ role: "user", content: `back to back ${index}` }] })).then(() => {
        answered += 1;
        expect(service.after.pending).toBe(true);
        return index < 5 ? next(index + 1) : undefined;
      });
    await next(0);
    expect(answered).toBe(6);
    expect(sleep).not.toHaveBeenCalled();
    sleep.mockRestore();
    await service.after.settle();
    expect(service.after.pending).toBe(false);
  });
});
