import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHealthProbe, HealthProbeError, probeUrl } from "../../../src/backends/index.ts";
import { defaultConfigInput, parseConfigValue } from "../../../src/config/index.ts";
import { quietProfile, startEmulators, type RunningEmulators } from "../../../src/emulators/index.ts";
import { createRouting } from "../../../src/runtime/routing.ts";

describe("health probes over HTTP", () => {
  let emulators: RunningEmulators;
  beforeAll(async () => {
    emulators = await startEmulators({ profile: quietProfile() });
  });
  afterAll(async () => emulators.close());

  const config = parseConfigValue({ ...defaultConfigInput(), health: { interval_ms: 60_000, timeout_ms: 500, unhealthy_after: 2 } }, "test");

  it("probes each provider's model-list endpoint", async () => {
    const probe = createHealthProbe({ emulators: emulators.urls });
    for (const deployment of config.deployments) expect(await probe(deployment)).toBe(true);
    const [openai, gemini, ollama] = config.deployments;
    expect(probeUrl(openai!, emulators.urls)).toBe(`${emulators.urls.openai}/models`);
    expect(probeUrl(gemini!, emulators.urls)).toBe(`${emulators.urls.gemini}/v1beta/models`);
    expect(probeUrl(ollama!, emulators.urls)).toBe(`${emulators.urls.ollama}/api/tags`);
  });

  it("fails with the URL and status when the backend answers an error, and on a timeout", async () => {
    const server = createServer((request, response) => {
      if (request.url?.startsWith("/slow")) return; // never answers
      response.writeHead(503).end("down");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const probe = createHealthProbe({ timeoutMs: 100 });
      const down = { ...config.deployments[2]!, base_url: `http://127.0.0.1:${port}` };
      await expect(probe(down)).rejects.toThrow(HealthProbeError);
      await expect(probe(down)).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/api\/tags\) failed: HTTP 503/);
      const slow = { ...config.deployments[2]!, base_url: `http://127.0.0.1:${port}/slow` };
      await expect(probe(slow)).rejects.toThrow(/no answer within 100 ms/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("takes a deployment out of selection after failed probes, through the planner", async () => {
    const failing = new Set(["openai-gpt-4o-mini", "gemini-2.5-flash"]);
    const planner = createRouting({
      config,
      now: Date.now,
      random: () => 0,
      probe: async (deployment) => !failing.has(deployment.id),
    });
    expect(planner.health).toBeDefined();
    await planner.health!.checkNow();
    await planner.health!.checkNow();
    const selection = await planner.router.select({ group: "extract", request: { estimatedInputTokens: 10, estimatedOutputTokens: 10 } });
    expect(selection.deployment?.id).toBe("ollama-llama3.1");
    expect(selection.skipped.unhealthy).toBe(2);
    planner.stop();
  });
});
