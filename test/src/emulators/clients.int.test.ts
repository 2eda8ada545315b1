import { HumanMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { JsonSchema } from "../../../src/output-modes/json-schema.ts";
import { decodePositional } from "../../../src/output-modes/positional-codec.ts";
import { COMPRESSED_MARKER, RECONSTRUCT_MARKER, renderSchemaBlock } from "../../../src/output-modes/protocol.ts";
import { quietProfile, startEmulators, type RunningEmulators } from "../../../src/emulators/index.ts";
import { buildTaskPrompt, isCorrect, ticketExtractionSchema, workloadTasks } from "../../../src/workload/index.ts";
import { emulatorClients } from "./emulator-clients.ts";

const schema = z.toJSONSchema(ticketExtractionSchema) as JsonSchema;
const tasks = workloadTasks();
const weather = tool(async ({ city }) => `sunny in ${city}`, { name: "get_weather", description: "Get weather for a city", schema: z.object({ city: z.string() }) });

let emulators: RunningEmulators;
let clients: ReturnType<typeof emulatorClients>;

beforeAll(async () => {
  emulators = await startEmulators({ profile: quietProfile() });
  clients = emulatorClients(emulators);
});
afterAll(() => emulators.close());

const providers = ["openai", "gemini", "ollama"] as const;
const methods = { openai: ["jsonSchema", "functionCalling", "jsonMode"], gemini: ["jsonSchema", "functionCalling"], ollama: ["jsonSchema", "functionCalling", "jsonMode"] } as const;

describe.each(providers)("%s through its real LangChain client", (provider) => {
  it("invoke and stream give the same deterministic reply, with usage", async () => {
    const model = clients[provider];
    const reply = await model.invoke("Tell me something about trains");
    expect(reply.content).toMatch(/Tell me something about trains/);
    expect(reply.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(reply.usage_metadata?.output_tokens).toBeGreaterThan(0);
    let streamed = "";
    let chunks = 0;
    for await (const chunk of await model.stream("Tell me something about trains")) {
      streamed += String(chunk.content);
      chunks += 1;
    }
    expect(streamed).toBe(reply.content);
    expect(chunks).toBeGreaterThan(1);
  });

  it("bindTools: calls a tool the prompt names, with arguments from its schema, then answers the tool result", async () => {
    const bound = clients[provider].bindTools([weather]);
    const call = await bound.invoke("What's the weather in Paris?");
    expect(call.tool_calls).toHaveLength(1);
    expect(call.tool_calls?.[0]).toMatchObject({ name: "get_weather", args: { city: "Paris" } });
    const answer = await bound.invoke([
      new HumanMessage("What's the weather in Paris?"),
      call,
      new ToolMessage({ content: "sunny, 24C", tool_call_id: call.tool_calls?.[0]?.id ?? "call", name: "get_weather" }),
    ]);
    expect(answer.tool_calls ?? []).toHaveLength(0);
    expect(answer.content).toContain("sunny, 24C");
    const unrelated = await bound.invoke("Tell me a joke");
    expect(unrelated.tool_calls ?? []).toHaveLength(0);
  });

  it.each(methods[provider])("withStructuredOutput(%s) returns the gold label of a workload task", async (method) => {
    const task = tasks[11]!;
    const structured = clients[provider].withStructuredOutput(ticketExtractionSchema, { method });
    expect(isCorrect(task.gold, await structured.invoke(buildTaskPrompt(task)))).toBe(true);
  });

  it("answers the compressed and reconstruct protocols for a workload task", async () => {
    const task = tasks[29]!;
    const compressed = await clients[provider].invoke([new SystemMessage(`${COMPRESSED_MARKER}\n${renderSchemaBlock(schema)}`), new HumanMessage(buildTaskPrompt(task))]);
    expect(isCorrect(task.gold, decodePositional(schema, JSON.parse(String(compressed.content))))).toBe(true);
    const reconstruct = await clients[provider].invoke([new SystemMessage(`${RECONSTRUCT_MARKER}\n${renderSchemaBlock(schema)}`), new HumanMessage(buildTaskPrompt(task))]);
    const text = String(reconstruct.content);
    expect(text).toContain(`priority: ${task.gold.priority}`);
    expect(text).toContain(`action: ${task.gold.action}`);
  });
});

it("OpenAI streams structured output too, with a usage chunk", async () => {
  const task = tasks[40]!;
  let text = "";
  let outputTokens = 0;
  const bound = clients.openai.withConfig({ response_format: { type: "json_schema", json_schema: { name: "extract", strict: true, schema } } });
  for await (const chunk of await bound.stream(buildTaskPrompt(task))) {
    text += String(chunk.content);
    outputTokens += chunk.usage_metadata?.output_tokens ?? 0;
  }
  expect(isCorrect(task.gold, JSON.parse(text))).toBe(true);
  expect(outputTokens).toBeGreaterThan(10);
});

it("stats count requests by backend, model and mode", () => {
  const stats = emulators.stats();
  expect(stats.byBackend.openai).toBeGreaterThan(0);
  expect(stats.rows.some((row) => row.backend === "gemini" && row.mode === "emit" && row.outcome === "ok")).toBe(true);
  expect(stats.rows.some((row) => row.backend === "ollama" && row.mode === "compressed")).toBe(true);
  expect(stats.total).toBe(stats.rows.reduce((sum, row) => sum + row.count, 0));
});

describe("response ids", () => {
  it("do not repeat across two starts (a thread resumed in another process keeps every turn)", async () => {
    const [left, right, pinned] = await Promise.all([
      startEmulators({ profile: quietProfile() }),
      startEmulators({ profile: quietProfile() }),
      startEmulators({ profile: quietProfile(), instanceId: "fixed" }),
    ]);
    try {
      // The first reply of each start: a per-process counter alone would give both the same id.
      const [first, second, third] = await Promise.all([left, right, pinned].map((running) => emulatorClients(running).openai.invoke([new HumanMessage("hello")])));
      expect(first!.id).toMatch(/^chatcmpl-emu[0-9a-f]{8}000001$/);
      expect(second!.id).not.toBe(first!.id);
      expect(third!.id).toBe("chatcmpl-emufixed000001");
    } finally {
      await Promise.all([left.close(), right.close(), pinned.close()]);
    }
  });
});
