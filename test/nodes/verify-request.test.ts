import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verification } from "../../graphs/verification.ts";
import { verifyGatewayRequest, type GatewayRuntime } from "../../nodes/index.ts";
import { parseConfigValue } from "../../src/config/index.ts";
import type { Engine } from "../../src/runtime/engine.ts";
import { gatewayRequestSchema, type GatewayStateValue } from "../../src/state/gateway-state.ts";
import { shutdownVerificationWorkers, useVerificationWorkers, VERIFY_OFF_THREAD_MIN_CHARS, VerificationUnavailableError, verifierFromConfig, verifyRequestText, type VerificationJob } from "../../src/verification/index.ts";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "verify-request-"));
const prose = "We chose Postgres 16.2 for the billing service; they'll migrate on Monday, said Ada. ";
const long = (core: string) => `${prose.repeat(Math.ceil(VERIFY_OFF_THREAD_MIN_CHARS / prose.length))}${core}`;

const reported: unknown[] = [];

function engineWith(policy: string): Engine {
  const config = parseConfigValue({
    deployments: [{ id: "d1", provider: "openai", model: "gpt-4o-mini", base_url: "emulator" }],
    model_groups: [{ name: "default", deployments: ["d1"] }],
    verification: { enabled: true, policy, pii: { strategy: "redact" } },
  }, "test.yaml");
  // The verification nodes read the engine's config, and tell its guardian what they refused.
  return { config, guardian: { reportSecurity: (report: unknown) => void reported.push(report) } } as unknown as Engine;
}

afterAll(async () => {
  await shutdownVerificationWorkers();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe("verify_request on a long request", () => {
  it("gives the verdict of the inline checks (it ran on a worker thread)", async () => {
    const engine = engineWith("policies/support.yaml");
    for (const core of ["write to ann.lee@example.com", "then drop_table orders", "thanks, all good"]) {
      const state = await verification.invoke({ phase: "request", text: long(core) }, { context: { engine } });
      expect(state.verdict).toEqual(verifyRequestText(long(core), verifierFromConfig(engine.config.verification).text));
    }
  });

  it("refuses the request, naming its size, when the worker cannot check it, and never passes it unchecked", async () => {
    // A worker that crashes on every text (the pool's own failures are tested in verify-off-thread.test.ts).
    const crashing = { verify: async (job: VerificationJob) => Promise.reject(new VerificationUnavailableError(job.phase, job.text.length, "crashed", "exit code 7")), close: async () => undefined };
    const restore = useVerificationWorkers(crashing);
    const engine = engineWith("policies/support.yaml");
    const text = long("write to ann.lee@example.com");
    try {
      await expect(verification.invoke({ phase: "request", text }, { context: { engine } })).rejects.toThrow(VerificationUnavailableError);
      const request = gatewayRequestSchema.parse({ input: text });
      const update = await verifyGatewayRequest({ request, messages: [], status: "pending" } as unknown as GatewayStateValue, { context: { engine } } as unknown as GatewayRuntime);
      expect(update).toMatchObject({ status: "failed", error: { code: "verification_unavailable", message: expect.stringContaining(`request of ${text.length} characters was not verified`) } });
    } finally {
      restore();
    }
    // The guardian hears of it as it hears of a block, so a burst of unverifiable texts from one caller shows.
    expect(reported).toEqual([expect.objectContaining({ kind: "verification_unavailable", reason: expect.stringContaining("was not verified") })]);
    // A short request is still checked in this thread, with the policy it loaded.
    const short = await verification.invoke({ phase: "request", text: "then drop_table orders" }, { context: { engine } });
    expect(short.verdict).toMatchObject({ decision: "blocked", findings: [{ check: "forbidden_action" }] });
  });
});
