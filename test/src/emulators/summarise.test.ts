import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../../../src/emulators/chat-request.ts";
import { summariseReply } from "../../../src/emulators/summarise.ts";
import { summaryPrompt } from "../../../src/memory/index.ts";

const request = (system: string, user: string): ChatRequest => ({
  provider: "openai",
  model: "gpt-4o-mini",
  stream: false,
  streamUsage: false,
  system,
  turns: [{ role: "user", text: user }],
  tools: [],
  toolChoice: { kind: "auto" },
});

describe("the emulators' summariser", () => {
  const transcript = "user: Hello there. I prefer invoices in EUR. How are you?\nai: Fine, thanks. We decided on PostgreSQL 16.\nuser: Remind me to call Dana by Friday.";

  it("answers a summarisation request extractively and deterministically", () => {
    const prompt = summaryPrompt("broad", transcript);
    const reply = summariseReply(request(prompt.system, prompt.user));
    expect(reply).toBe("- (user) I prefer invoices in EUR.\n- (ai) We decided on PostgreSQL 16.\n- (user) Remind me to call Dana by Friday.");
    expect(summariseReply(request(prompt.system, prompt.user))).toBe(reply);
  });

  it("keeps each turn's opening in the detailed level", () => {
    const prompt = summaryPrompt("detailed", transcript);
    expect(summariseReply(request(prompt.system, prompt.user))).toContain("- (user) Hello there.");
  });

  it("leaves every other request to the usual planner", () => {
    expect(summariseReply(request("You are helpful.", transcript))).toBeUndefined();
  });
});
