import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quietProfile, startEmulators, type EmulatorProfile, type RunningEmulators } from "../../../src/emulators/index.ts";
import { buildTaskPrompt, isCorrect, ticketExtractionSchema, workloadTasks } from "../../../src/workload/index.ts";
import { emulatorClients } from "./emulator-clients.ts";

type Fault = "rateLimit" | "serverError" | "unavailable" | "timeout" | "droppedStream";

function faultProfile(fault: Fault, extra: (profile: EmulatorProfile) => void = () => undefined): EmulatorProfile {
  const profile = quietProfile();
  for (const backend of ["openai", "gemini", "ollama"] as const) {
    profile.backends[backend].errors[fault] = 1;
    profile.backends[backend].errors.retryAfterSeconds = 7;
    profile.backends[backend].errors.timeoutMs = 150;
  }
  extra(profile);
  return profile;
}

async function failure(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}

const statusOf = (error: Record<string, unknown>) => error.status ?? error.status_code;

let emulators: RunningEmulators;
let clients: ReturnType<typeof emulatorClients>;

beforeAll(async () => {
  emulators = await startEmulators({ profile: quietProfile() });
  clients = emulatorClients(emulators);
});
afterAll(() => emulators.close());

describe("fault injection through the real clients", () => {
  const providers = ["openai", "gemini", "ollama"] as const;
  const statuses: Array<[Fault, number]> = [["rateLimit", 429], ["serverError", 500], ["unavailable", 503], ["timeout", 504]];

  it.each(statuses)("%s surfaces as HTTP %i in every client, plain and streamed", async (fault, status) => {
    emulators.setProfile(faultProfile(fault));
    for (const provider of providers) {
      expect(statusOf(await failure(() => clients[provider].invoke("hello")))).toBe(status);
      expect(statusOf(await failure(async () => {
        for await (const _chunk of await clients[provider].stream("hello")) void _chunk;
      }))).toBe(status);
    }
  });

  it("a 429 carries Retry-After", async () => {
    emulators.setProfile(faultProfile("rateLimit"));
    const error = await failure(() => clients.openai.invoke("hello"));
    const headers = error.headers as Headers;
    expect(headers.get("retry-after")).toBe("7");
    const raw = await fetch(`${emulators.urls.gemini}/v1beta/models/gemini-2.5-flash:generateContent`, { method: "POST", body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }) });
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("7");
    expect(await raw.json()).toMatchObject({ error: { code: 429, status: "RESOURCE_EXHAUSTED" } });
  });

  it("a timeout holds the response until the client gives up, then the server serves on", async () => {
    emulators.setProfile(faultProfile("timeout", (profile) => (profile.backends.openai.errors.timeoutMs = 60_000)));
    const impatient = emulatorClients(emulators, { timeoutMs: 200 }).openai;
    const started = Date.now();
    const error = await failure(() => impatient.invoke("hello"));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(String(error.message)).toMatch(/timed out|timeout|abort/i);
    emulators.setProfile(quietProfile());
    expect((await clients.openai.invoke("hello again")).content).toContain("hello again");
  });

  it("a dropped stream cuts the answer: a connection error for OpenAI and Ollama, a truncated stream for Gemini", async () => {
    emulators.setProfile(faultProfile("droppedStream"));
    const task = workloadTasks()[2]!;
    await expect(clients.openai.invoke("hello")).rejects.toThrow();
    await expect((async () => {
      for await (const _chunk of await clients.openai.stream(buildTaskPrompt(task))) void _chunk;
    })()).rejects.toThrow(/terminated|connection|socket/i);
    await expect((async () => {
      for await (const _chunk of await clients.ollama.stream(buildTaskPrompt(task))) void _chunk;
    })()).rejects.toThrow();
    let text = "";
    for await (const chunk of await clients.gemini.stream("Tell me a long story about a lighthouse keeper and the sea")) text += String(chunk.content);
    const full = (emulators.setProfile(quietProfile()), String((await clients.gemini.invoke("Tell me a long story about a lighthouse keeper and the sea")).content));
    expect(text.length).toBeLessThan(full.length);
  });
});

describe("behaviour", () => {
  it("the same seed gives the same outcomes; another seed gives others", async () => {
    const noisy = quietProfile();
    noisy.backends.openai.errors.rateLimit = 0.3;
    noisy.backends.openai.fidelity.wrongValue = 0.3;
    const run = async (seed: number) => {
      const local = await startEmulators({ profile: noisy, seed });
      const model = emulatorClients(local).openai.withStructuredOutput(ticketExtractionSchema, { method: "jsonSchema" });
      try {
        const tasks = workloadTasks().slice(0, 24);
        return await Promise.all(
          tasks.map(async (task) => {
            try {
              return isCorrect(task.gold, await model.invoke(buildTaskPrompt(task))) ? "correct" : "wrong";
            } catch (error) {
              return `error ${String((error as { status?: number }).status)}`;
            }
          }),
        );
      } finally {
        await local.close();
      }
    };
    const first = await run(123);
    expect(new Set(first).size).toBe(3);
    expect(await run(123)).toEqual(first);
    expect(await run(124)).not.toEqual(first);
  });

  it("setProfile changes behaviour mid-run", async () => {
    const task = workloadTasks()[8]!;
    const model = clients.ollama.withStructuredOutput(ticketExtractionSchema, { method: "jsonSchema" });
    emulators.setProfile(quietProfile());
    expect(isCorrect(task.gold, await model.invoke(buildTaskPrompt(task)))).toBe(true);
    const wrong = quietProfile();
    wrong.modes = { ollama: { emit: { wrongValue: 1 } } };
    emulators.setProfile(wrong);
    const value = await model.invoke(buildTaskPrompt(task));
    expect(ticketExtractionSchema.safeParse(value).success).toBe(true);
    expect(isCorrect(task.gold, value)).toBe(false);
    emulators.setProfile(quietProfile());
  });

  it("refuses an invalid profile in setProfile", () => {
    const invalid = quietProfile();
    invalid.backends.gemini.errors.rateLimit = 2;
    expect(() => emulators.setProfile(invalid)).toThrow();
  });
});

describe("bad requests", () => {
  const post = (url: string, body: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });

  it("malformed bodies get each provider's 400 JSON error and the servers keep serving", async () => {
    emulators.setProfile(quietProfile());
    const openai = await post(`${emulators.urls.openai}/chat/completions`, "{not json");
    expect(openai.status).toBe(400);
    expect(await openai.json()).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_request" } });
    const missing = await post(`${emulators.urls.openai}/chat/completions`, JSON.stringify({ model: "gpt-4o-mini" }));
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain("messages");
    const gemini = await post(`${emulators.urls.gemini}/v1beta/models/gemini-2.5-flash:generateContent`, JSON.stringify({ contents: "nope" }));
    expect(gemini.status).toBe(400);
    expect(await gemini.json()).toMatchObject({ error: { code: 400, status: "INVALID_ARGUMENT" } });
    const ollama = await post(`${emulators.urls.ollama}/api/chat`, "[]");
    expect(ollama.status).toBe(400);
    expect(typeof ((await ollama.json()) as { error: unknown }).error).toBe("string");
    const unknown = await fetch(`${emulators.urls.openai}/embeddings`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    const clients = emulatorClients(emulators);
    expect((await clients.openai.invoke("still there?")).content).toContain("still there?");
    expect((await clients.ollama.invoke("still there?")).content).toContain("still there?");
  });

  it("serves the health and model-list probes", async () => {
    expect(await (await fetch(`${emulators.urls.ollama}/api/version`)).json()).toMatchObject({ version: expect.any(String) });
    const tags = (await (await fetch(`${emulators.urls.ollama}/api/tags`)).json()) as { models: Array<{ name: string }> };
    expect(tags.models.map((model) => model.name)).toContain("llama3.1");
    const models = (await (await fetch(`${emulators.urls.openai}/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toContain("gpt-4o-mini");
  });

  it("ollama honours stream: false", async () => {
    const response = await post(`${emulators.urls.ollama}/api/chat`, JSON.stringify({ model: "llama3.1", stream: false, messages: [{ role: "user", content: "hi" }] }));
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ done: true, message: { role: "assistant" } });
    expect(body.prompt_eval_count).toEqual(expect.any(Number));
    expect(body.eval_count).toEqual(expect.any(Number));
  });
});
