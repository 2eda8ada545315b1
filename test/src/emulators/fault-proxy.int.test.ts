import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { always, healthyPlan, quietProfile, startEmulators, startFaultProxy, type FaultProxy, type RunningEmulators } from "../../../src/emulators/index.ts";

/** An upstream that streams five SSE events 40 ms apart, so chunk-by-chunk passing can be seen. */
function pacedUpstream(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { "content-type": "text/event-stream" });
    let sent = 0;
    const timer = setInterval(() => {
      response.write(`data: {"n": ${sent}}\n\n`);
      sent += 1;
      if (sent === 5) {
        clearInterval(timer);
        response.end();
      }
    }, 40);
    response.on("close", () => clearInterval(timer));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

async function readChunks(response: Response): Promise<Array<{ text: string; at: number }>> {
  const chunks: Array<{ text: string; at: number }> = [];
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) chunks.push({ text: decoder.decode(chunk as Uint8Array), at: Date.now() });
  return chunks;
}

async function failure(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}

let emulators: RunningEmulators;
let paced: { url: string; server: Server };
let proxy: FaultProxy;
let openai: ChatOpenAI;
let ollama: ChatOllama;

beforeAll(async () => {
  emulators = await startEmulators({ profile: quietProfile() });
  paced = await pacedUpstream();
  proxy = await startFaultProxy({
    routes: { openai: emulators.urls.openai, ollama: emulators.urls.ollama, paced: paced.url },
    seed: 5,
    tagOf: (body) => /ticket-(\d+)/.exec(body)?.[0],
  });
  openai = new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-test", maxRetries: 0, timeout: 5_000, configuration: { baseURL: proxy.url("openai") } });
  ollama = new ChatOllama({ model: "llama3.1", baseUrl: proxy.url("ollama"), maxRetries: 0 });
});
afterAll(async () => {
  await proxy.close();
  await emulators.close();
  await new Promise((resolve) => paced.server.close(resolve));
});

describe("the fault proxy", () => {
  it("passes a healthy answer through unchanged, and a stream chunk by chunk as it arrives", async () => {
    await proxy.setPlan("openai", healthyPlan);
    const reply = await openai.invoke("hello through the proxy");
    expect(reply.content).toContain("hello through the proxy");
    const started = Date.now();
    const chunks = await readChunks(await fetch(`${proxy.url("paced")}/stream`, { method: "POST", body: "{}" }));
    expect(chunks.map((chunk) => chunk.text).join("")).toBe([0, 1, 2, 3, 4].map((n) => `data: {"n": ${n}}\n\n`).join(""));
    // The first event reaches the client long before the upstream's last one is written (~200 ms).
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks[0]!.at - started).toBeLessThan(chunks.at(-1)!.at - started - 80);
  });

  it("answers 500 bursts and 429 storms with Retry-After, as the real clients see them", async () => {
    await proxy.setPlan("openai", always({ kind: "status", status: 500 }));
    expect((await failure(() => openai.invoke("hi"))).status).toBe(500);
    await proxy.setPlan("openai", always({ kind: "status", status: 429, retryAfterSeconds: 3 }));
    const limited = await failure(() => openai.invoke("hi"));
    expect(limited.status).toBe(429);
    expect((limited.headers as Headers).get("retry-after")).toBe("3");
  });

  it("refuses connections while a route is dead, and serves again on the same URL once it is back", async () => {
    await proxy.setPlan("openai", always({ kind: "refuse" }));
    const refused = await failure(() => fetch(`${proxy.url("openai")}/models`));
    expect(JSON.stringify(refused, Object.getOwnPropertyNames(refused)) + String((refused.cause as Error | undefined)?.message)).toMatch(/ECONNREFUSED|fetch failed/);
    await proxy.setPlan("openai", healthyPlan);
    expect((await openai.invoke("back again")).content).toContain("back again");
  });

  it("resets connections, and delays headers", async () => {
    await proxy.setPlan("openai", always({ kind: "reset" }));
    const reset = await failure(() => openai.invoke("hi"));
    expect(String(reset.message)).toMatch(/connection|terminated|socket|reset/i);
    await proxy.setPlan("openai", always({ kind: "slow_headers", delayMs: 300 }));
    const started = Date.now();
    await openai.invoke("slow hello");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("slows a body down chunk by chunk, keeping every byte", async () => {
    await proxy.setPlan("paced", always({ kind: "slow_body", chunkDelayMs: 120 }));
    const started = Date.now();
    const chunks = await readChunks(await fetch(`${proxy.url("paced")}/stream`, { method: "POST", body: "{}" }));
    expect(chunks.map((chunk) => chunk.text).join("")).toBe([0, 1, 2, 3, 4].map((n) => `data: {"n": ${n}}\n\n`).join(""));
    // Five chunks, each held 120 ms: well past the upstream's own ~200 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 120 - 20);
  });

  it("cuts streams mid-way: fewer events than sent, then a broken connection", async () => {
    await proxy.setPlan("paced", always({ kind: "drop_stream", afterChunks: 2 }));
    const response = await fetch(`${proxy.url("paced")}/stream`, { method: "POST", body: "{}" });
    const received: string[] = [];
    const decoder = new TextDecoder();
    const error = await failure(async () => {
      for await (const chunk of response.body!) received.push(decoder.decode(chunk as Uint8Array));
    });
    expect(String((error.cause as Error | undefined)?.message ?? error.message)).toMatch(/terminated|other side closed|socket/i);
    expect(received.join("")).toBe('data: {"n": 0}\n\ndata: {"n": 1}\n\n');
    // A clean cut ends the stream without an error: the last events are simply missing.
    await proxy.setPlan("paced", always({ kind: "drop_stream", afterChunks: 3, clean: true }));
    const quiet = await readChunks(await fetch(`${proxy.url("paced")}/stream`, { method: "POST", body: "{}" }));
    expect(quiet.map((chunk) => chunk.text).join("")).toBe([0, 1, 2].map((n) => `data: {"n": ${n}}\n\n`).join(""));
    await proxy.setPlan("ollama", always({ kind: "drop_stream", afterChunks: 1 }));
    await expect(ollama.invoke("a reply cut short")).rejects.toThrow();
  });

  it("sends malformed bodies: broken JSON, a broken stream event, an HTML error page", async () => {
    await proxy.setPlan("openai", always({ kind: "malformed", style: "corrupt" }));
    await expect(openai.invoke("hi")).rejects.toThrow();
    await expect((async () => {
      for await (const chunk of await openai.stream("hi there, a streamed reply")) void chunk;
    })()).rejects.toThrow();
    await proxy.setPlan("ollama", always({ kind: "malformed", style: "html" }));
    await expect(ollama.invoke("hi")).rejects.toThrow();
  });

  it("counts requests, faults, clean answers and calls per tagged request", async () => {
    await proxy.setPlan("ollama", { rules: [{ fault: { kind: "status", status: 503 }, rate: 0.5 }] });
    const before = proxy.stats("ollama");
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, index) => ollama.invoke(`ticket-${900 + index}`)));
    const after = proxy.stats("ollama");
    const succeeded = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
    expect(after.requests - before.requests).toBe(20);
    // A client may resolve on the last event a moment before the proxy sees its upstream end.
    await vi.waitFor(() => expect(proxy.stats("ollama").cleanAnswers - before.cleanAnswers).toBe(succeeded));
    expect((after.faults.status ?? 0) - (before.faults.status ?? 0)).toBe(20 - succeeded);
    expect(succeeded).toBeGreaterThan(3);
    expect(succeeded).toBeLessThan(17);
    expect(proxy.tags().get("ticket-905")?.calls).toBe(1);
  });
});
