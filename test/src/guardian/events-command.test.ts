import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eventsCommand, parseSince } from "../../../src/cli/commands/events.ts";
import { SqliteEventLog } from "../../../src/guardian/index.ts";

describe("switchyard events", () => {
  it("lists the log newest first, filtered, as a table or JSON lines", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guardian-cli-")), "state.db");
    const log = SqliteEventLog.open(file);
    log.record({ at: Date.parse("2026-01-01T00:00:00Z"), category: "recovery", kind: "quarantine", subject: "gemini-2.5-flash", reason: "guardian: latency p95 190 ms vs baseline 70 ms", evidence: { p95_ms: 190 } });
    log.record({ at: Date.parse("2026-01-01T00:01:00Z"), category: "security", kind: "unusual_pattern", subject: "user:mallory", reason: "5 blocked actions", evidence: {} });
    log.close();
    const printed: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      await eventsCommand(["--state", file]);
      expect(printed[0]).toMatch(/unusual_pattern[\s\S]*quarantine/);
      printed.length = 0;
      await eventsCommand(["--state", file, "--category", "recovery", "--json"]);
      expect(printed.map((line) => JSON.parse(line))).toMatchObject([{ kind: "quarantine", at: "2026-01-01T00:00:00.000Z", evidence: { p95_ms: 190 } }]);
    } finally {
      spy.mockRestore();
    }
    await expect(eventsCommand(["--state", file, "--category", "gossip"])).rejects.toThrow(/--category "gossip" is not one of detection, recovery/);
  });

  it("reads --since as an ISO time or a span back from now", () => {
    expect(parseSince("30m", 10_000_000)).toBe(10_000_000 - 1_800_000);
    expect(parseSince("2026-01-01T00:00:00Z", 0)).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(() => parseSince("yesterday", 0)).toThrow(/neither an ISO time nor a span/);
  });
});
