import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { parseConfigValue, type SwitchyardConfigInput } from "../../../src/config/index.ts";
import { always, healthyPlan, quietProfile, startEmulators, startFaultProxy, type FaultProxy, type RunningEmulators } from "../../../src/emulators/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";

const prompt = "Please repeat after me: the quick brown fox jumps over the lazy dog, then the cat naps in the warm sun all afternoon.";

/** Two OpenAI deployments behind the fault proxy; the cost strategy always tries the free `primary` first. */
function config(proxy: FaultProxy): SwitchyardConfigInput {
  const deployment = (id: string, input: number) => ({ id, provider: "openai" as const, model: "gpt-4o-mini", base_url: proxy.url(id), price: { input_per_1m: input, output_per_1m: input }, limits: { max_concurrent: 8 } });
  return { version: 1, deployments: [deployment("primary", 0), deployment("backup", 1)], model_groups: [{ name: "chat", deployments: ["primary", "backup"], strategy: "cost" }], requests: { model_group: "chat" } };
}

async function streamText(client: OpenAI): Promise<{ text: string; finish: string | null | undefined }> {
  const stream = await client.chat.completions.create({ model: "chat", messages: [{ role: "user", content: prompt }], stream: true });
  let text = "";
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { text, finish };
}

describe("failover after the stream started", () => {
  let emulators: RunningEmulators;
  let proxy: FaultProxy;
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  let client: OpenAI;
  beforeAll(async () => {
    emulators = await startEmulators({ profile: quietProfile() });
    proxy = await startFaultProxy({ routes: { primary: emulators.urls.openai, backup: emulators.urls.openai }, seed: 3, tagOf: (body) => (body.includes('"role":"assistant"') ? "continued" : "fresh") });
    gateway = await createGateway({ config: parseConfigValue(config(proxy), "test"), checkpoints: ":memory:" });
    server = createServer({ gateway });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
    client = new OpenAI({ baseURL: `${listening.url}/v1`, apiKey: "unused", maxRetries: 0, timeout: 20_000 });
  });
  afterAll(async () => {
    await listening.close();
    await server.close();
    await gateway.close();
    await proxy.close();
    await emulators.close();
  });

  it("continues on another deployment from the emitted text, never duplicating it", async () => {
    await proxy.setPlan("primary", healthyPlan);
    await proxy.setPlan("backup", healthyPlan);
    const whole = await streamText(client);
    expect(whole.finish).toBe("stop");
    await proxy.setPlan("primary", always({ kind: "drop_stream", afterChunks: 3 }));
    const before = proxy.stats("backup").requests;
    const resumed = await streamText(client);
    expect(proxy.stats("primary").faults.drop_stream).toBeGreaterThan(0);
    expect(proxy.stats("backup").requests).toBe(before + 1);
    // The backup was asked to continue: the text already sent went along as an assistant prefix.
    expect(proxy.tags().get("continued")?.calls).toBe(1);
    expect(resumed.finish).toBe("stop");
    expect(resumed.text).toBe(whole.text);
  });

  it("ends with an OpenAI error event and [DONE] when no deployment can continue, never hanging", async () => {
    await proxy.setPlan("primary", always({ kind: "drop_stream", afterChunks: 3 }));
    await proxy.setPlan("backup", always({ kind: "drop_stream", afterChunks: 3, clean: true }));
    const error = await streamText(client).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(String((error as Error).message)).toMatch(/gave up|no deployment/);
  });
});
