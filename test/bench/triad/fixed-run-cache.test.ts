import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FixedRunCache, fixedRunKey, profileKey } from "../../../bench/triad/fixed-run-cache.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("the triad bench's fixed-run cache", () => {
  it("gives back a fixed run written under the same key, and nothing for a run that differs in profile, seed, size, drift point or mode", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "triad-fixed-"));
    dirs.push(dir);
    const cache = new FixedRunCache(dir);
    const scenario = profileKey({ seed: 7, modes: { openai: { emit: { wrongValue: 0.1 } } } });
    const key = fixedRunKey({ scenario, seed: 7, requests: 200, mode: "emit" });
    const record = { samples: [{ cell: "fixed emit", backend: "gpt", valid: true, correct: false, latencyMs: 12, tokens: 300, costUsd: 0.0001 }], traces: [{ policy: "fixed emit", backend: "gpt", index: 0, firstMode: "emit" as const, attempts: 1, explored: false, correct: false }] };
    expect(cache.read(key)).toBeUndefined();
    cache.write(key, record);
    expect(cache.read(key)).toEqual(record);
    const others = [
      fixedRunKey({ scenario: profileKey({ seed: 7, modes: { openai: { emit: { wrongValue: 0.2 } } } }), seed: 7, requests: 200, mode: "emit" }),
      fixedRunKey({ scenario: profileKey({ seed: 7 }, { seed: 8 }), seed: 7, requests: 200, mode: "emit" }),
      fixedRunKey({ scenario, seed: 8, requests: 200, mode: "emit" }),
      fixedRunKey({ scenario, seed: 7, requests: 100, mode: "emit" }),
      fixedRunKey({ scenario, seed: 7, requests: 200, driftAt: 0.5, mode: "emit" }),
      fixedRunKey({ scenario, seed: 7, requests: 200, mode: "compressed" }),
    ];
    for (const other of others) expect(cache.read(other)).toBeUndefined();
  });
});
