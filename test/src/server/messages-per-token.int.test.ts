/**
 * `messages` streams a partial per model token, from the model call inside the router subgraph through the
 * gateway to the client, for each of the three backends (their LangChain clients stream when a run streams
 * messages), with the event names and payloads of the official server (messages/metadata, messages/partial).
 */
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";

interface PartialMessage {
  id: string;
  content: unknown;
  tool_call_chunks?: Array<{ args?: string }>;
}

/** What a partial holds so far: its text, or (a tool-calling output mode) its tool arguments. */
const textOf = (message: PartialMessage | undefined): string =>
  (typeof message?.content === "string" ? message.content : "") + (message?.tool_call_chunks ?? []).map((chunk) => chunk.args ?? "").join("");

const ticket = "My order ORD-1 never arrived and I want a refund of $40";

describe("messages stream mode, per token", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  let client: Client;
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 2 });
    server = createServer({ gateway });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
    client = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } });
  });
  afterAll(async () => {
    await listening?.close();
    await server?.close();
    await gateway?.close();
  });

  it.each(["openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"])("%s: one messages/partial per token, growing to the whole answer", async (deployment) => {
    const partials: PartialMessage[] = [];
    let metadataEvents = 0;
    let finalRaw = "";
    for await (const part of client.runs.stream(null, "gateway", { input: { request: { input: ticket, deployment } }, streamMode: ["messages", "values"] })) {
      if (part.event === "messages/metadata") metadataEvents += 1;
      if (part.event === "messages/partial") partials.push(...(part.data as PartialMessage[]));
      if (part.event === "values") finalRaw = (part.data as { output?: { raw?: string } }).output?.raw ?? finalRaw;
    }
    expect(partials.length).toBeGreaterThanOrEqual(5);
    expect(metadataEvents).toBeGreaterThanOrEqual(1);
    // Each partial holds everything so far: the text grows partial by partial to the whole reply (text or tool arguments).
    const texts = partials.map(textOf);
    const growing = texts.filter((text, index) => index > 0 && text.length > (texts[index - 1] ?? "").length).length;
    expect(growing).toBeGreaterThanOrEqual(4);
    const longest = texts.reduce((best, text) => (text.length > best.length ? text : best), "");
    if (finalRaw !== "") expect(longest).toContain(finalRaw.slice(0, 20));
  }, 30_000);
});
