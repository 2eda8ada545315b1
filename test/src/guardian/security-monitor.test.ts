import { MemoryEventSink, SecurityMonitor } from "../../../src/guardian/index.ts";

describe("SecurityMonitor", () => {
  it("logs each block and reports a burst from one user once", () => {
    let clock = 0;
    const events = new MemoryEventSink();
    const monitor = new SecurityMonitor({ events, now: () => clock, burstCount: 3, burstWindowMs: 60_000 });
    for (let index = 0; index < 4; index += 1) {
      clock += 5_000;
      monitor.report({ kind: "verification_block", reason: "forbidden action: delete_account", threadId: `t${index}`, userId: "mallory" });
    }
    const bursts = events.events.filter((event) => event.kind === "unusual_pattern");
    expect(bursts).toMatchObject([{ subject: "user:mallory", evidence: { blocked: 3 } }]);
    expect(events.events.filter((event) => event.kind === "verification_block")).toHaveLength(4);
  });

  it("does not call blocks spread over a longer time than the window a burst", () => {
    let clock = 0;
    const events = new MemoryEventSink();
    const monitor = new SecurityMonitor({ events, now: () => clock, burstCount: 3, burstWindowMs: 60_000 });
    for (let index = 0; index < 6; index += 1) {
      clock += 40_000;
      monitor.report({ kind: "policy_violation", reason: "PII in input", threadId: "t1" });
    }
    expect(events.events.some((event) => event.kind === "unusual_pattern")).toBe(false);
  });
});
