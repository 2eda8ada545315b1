import { ChatOpenAI } from "@langchain/openai";
import { afterAll, describe, expect, it } from "vitest";
import { quietProfile, startEmulatorsInWorker } from "../../../src/emulators/index.ts";

describe("emulators on a worker thread", () => {
  const started = startEmulatorsInWorker({ profile: quietProfile(), seed: 3 });
  afterAll(async () => (await started).close());

  it("answers the real OpenAI client over loopback and reports its stats to this thread", async () => {
    const emulators = await started;
    const model = new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-emulator", maxRetries: 0, configuration: { baseURL: emulators.urls.openai } });
    const reply = await model.invoke("Say hello");
    expect(typeof reply.content).toBe("string");
    await expect.poll(() => emulators.stats().byBackend.openai, { timeout: 2_000 }).toBe(1);
  });

  it("takes a new profile and refuses an invalid one in the calling thread, naming the field", async () => {
    const emulators = await started;
    expect(() => emulators.setProfile({ seed: "seven" } as never)).toThrow(/seed/);
    expect(() => emulators.setProfile(quietProfile())).not.toThrow();
  });
});
