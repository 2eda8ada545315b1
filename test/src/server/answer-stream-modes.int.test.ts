import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type StreamMode } from "@langchain/langgraph-sdk";
import type { RunningEmulators } from "../../../src/emulators/index.ts";
import { plantedPii, startPlantedPiiBackend } from "../../support/planted-pii.ts";
import { workloadTasks } from "../../../src/workload/index.ts";
import { startServe, type ServeProcess } from "./serve-process.ts";

// The model's answer carries personal data (the emulator's oracle plants it); `verify_output` redacts it. A
// client of `switchyard serve` must never see the planted text, in any stream mode, with or without
// subgraphs, and what the stream releases as the answer must be what a non-streaming caller gets.
const planted = plantedPii;
const fragments = [...planted, "ann.lee", "1111 1111"];
const task = workloadTasks()[0]!;

let emulators: RunningEmulators;
let serve: ServeProcess;
let client: Client;

beforeAll(async () => {
  const backend = await startPlantedPiiBackend();
  emulators = backend.emulators;
  const config = backend.configInput;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-answer-modes-"));
  const file = path.join(directory, "switchyard.yaml");
  fs.writeFileSync(file, JSON.stringify(config));
  serve = await startServe({ config: file });
  client = new Client({ apiUrl: serve.url, callerOptions: { maxRetries: 0 } });
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  serve?.remove();
  await emulators?.close();
});

/** Characters of planted personal data in a text (each planted string, and telling fragments of it). */
const leaked = (text: string) => fragments.filter((fragment) => text.includes(fragment)).reduce((total, fragment) => total + fragment.length, 0);

interface Output {
  raw?: string;
  request_id?: string;
}

/** The answer without its request id (each run gets its own). */
const answer = (output: Output | undefined) => {
  if (output === undefined) return undefined;
  const { request_id: _id, ...rest } = output;
  return rest;
};

async function streamed(modes: StreamMode[], subgraphs: boolean): Promise<{ parts: Array<{ event: string; data: unknown }>; output: Output | undefined }> {
  const thread = await client.threads.create();
  const parts: Array<{ event: string; data: unknown }> = [];
  for await (const part of client.runs.stream(thread.thread_id, "gateway", { input: { request: { input: task.input, deployment: "openai-gpt-4o-mini" } }, streamMode: modes, streamSubgraphs: subgraphs })) parts.push(part);
  const state = await client.threads.getState<{ output?: Output }>(thread.thread_id);
  return { parts, output: state.values.output };
}

const modes: StreamMode[] = ["values", "updates", "messages", "messages-tuple", "events", "debug", "custom", "tasks", "checkpoints"];

describe("switchyard serve with verification on: no stream mode shows the unchecked answer", () => {
  let expected: Output | undefined;
  beforeAll(async () => {
    const thread = await client.threads.create();
    const result = await client.runs.wait(thread.thread_id, "gateway", { input: { request: { input: task.input, deployment: "openai-gpt-4o-mini" } } });
    expected = (result as { output?: Output }).output;
  }, 60_000);

  it("the non-streaming answer is the redacted one", () => {
    expect(expected?.raw).toContain("[REDACTED:email]");
    expect(leaked(JSON.stringify(expected))).toBe(0);
  });

  for (const subgraphs of [false, true]) {
    for (const mode of [...modes.map((one) => [one]), modes]) {
      it(`${mode.join("+")}${subgraphs ? ", with subgraphs" : ""}: 0 unchecked characters, the released answer as a non-streaming caller gets it`, async () => {
        const { parts, output } = await streamed(mode, subgraphs);
        expect(leaked(JSON.stringify(parts))).toBe(0);
        expect(answer(output)).toEqual(answer(expected));
        const last = (event: string) => parts.filter((part) => part.event === event).at(-1)?.data;
        if (mode.includes("values")) expect(answer((last("values") as { output?: Output }).output)).toEqual(answer(expected));
        if (mode.includes("updates")) expect(parts.some((part) => part.event === "updates" && JSON.stringify(part.data).includes(JSON.stringify(expected?.raw)))).toBe(true);
        if (mode.includes("events")) {
          // The graph's own end event: its output holds the checked answer.
          const events = parts.filter((part) => part.event === "events").map((part) => part.data as { event: string; metadata?: Record<string, unknown>; data?: { output?: unknown } });
          const graphEnd = events.filter((event) => event.event === "on_chain_end" && event.metadata?.langgraph_node === undefined).at(-1);
          expect(JSON.stringify(graphEnd?.data?.output)).toContain(JSON.stringify(expected?.raw));
        }
        if (!subgraphs && mode.length === 1 && mode[0] === "messages-tuple") {
          const tokens = parts.filter((part) => part.event === "messages").map((part) => (part.data as [{ type: string; content: string }])[0]);
          expect(tokens.filter((message) => message.type === "ai" || message.type === "AIMessageChunk").map((message) => message.content).join("")).toBe(expected?.raw);
        }
      }, 60_000);
    }
  }
});
