import { WebhookNotifier, type GuardianEvent } from "../../../src/guardian/index.ts";

const event: GuardianEvent = { at: 5_000, category: "security", kind: "unusual_pattern", subject: "user:u1", reason: "6 blocked actions", evidence: { blocked: 6 } };

function notifier(statuses: Array<number | Error>) {
  const bodies: unknown[] = [];
  const sleeps: number[] = [];
  const failures: GuardianEvent[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    const next = statuses.shift() ?? 200;
    if (next instanceof Error) throw next;
    return new Response("", { status: next });
  }) as typeof globalThis.fetch;
  const webhook = new WebhookNotifier({
    url: "http://127.0.0.1:9/hook",
    maxAttempts: 4,
    initialBackoffMs: 100,
    timeoutMs: 1_000,
    sleep: async (ms) => void sleeps.push(ms),
    now: () => 9_000,
    fetch,
    onFailure: (failure) => failures.push(failure),
  });
  return { webhook, bodies, sleeps, failures };
}

describe("WebhookNotifier", () => {
  it("returns at once and delivers in the background, retrying with doubling backoff", async () => {
    const { webhook, bodies, sleeps, failures } = notifier([503, new Error("connect ECONNREFUSED"), 200]);
    webhook.record(event);
    expect(bodies).toHaveLength(1);
    expect(webhook.delivered).toBe(0);
    await webhook.drain();
    expect(bodies).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
    expect(webhook.delivered).toBe(1);
    expect(failures).toEqual([]);
    expect(bodies[0]).toMatchObject({ kind: "unusual_pattern", subject: "user:u1", at: new Date(5_000).toISOString(), evidence: { blocked: 6 } });
  });

  it("gives up after max attempts and logs the failure as a delivery event", async () => {
    const { webhook, bodies, failures } = notifier([500, 500, 500, 500]);
    webhook.record(event);
    await webhook.drain();
    expect(bodies).toHaveLength(4);
    expect(failures).toMatchObject([{ category: "delivery", kind: "webhook_failed", reason: expect.stringMatching(/unusual_pattern for user:u1: HTTP 500/) }]);
  });

  it("does not retry a request the receiver rejects as bad", async () => {
    const { webhook, bodies, failures } = notifier([400]);
    webhook.record(event);
    await webhook.drain();
    expect(bodies).toHaveLength(1);
    expect(failures).toHaveLength(1);
  });
});
