import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AgentKeyFileError, AgentKeyRing, ReplayCache } from "../../../src/a2a/index.ts";

describe("AgentKeyRing persistence", () => {
  it("generates a key once, persists it 0600, and the same kid comes back after a restart", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-keys-")), "a2a-keys.json");
    const first = await AgentKeyRing.open({ path: file });
    const kid = (await first.signingKey()).kid;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await (await AgentKeyRing.open({ path: file })).signingKey()).kid).toBe(kid);
    const rotated = await first.rotate();
    expect((await (await AgentKeyRing.open({ path: file })).signingKey()).kid).toBe(rotated);
    fs.writeFileSync(file, JSON.stringify({ version: 1, keys: [] }));
    await expect(AgentKeyRing.open({ path: file })).rejects.toBeInstanceOf(AgentKeyFileError);
    fs.writeFileSync(file, "{");
    await expect(AgentKeyRing.open({ path: file })).rejects.toThrow(/not JSON/);
  });
});

describe("ReplayCache", () => {
  it("refuses a live jti again, takes it back once expired, and refuses rather than forgets when full", () => {
    let now = 0;
    const cache = new ReplayCache({ now: () => now, maxEntries: 2 });
    expect(cache.claim("a", 100)).toBe(true);
    expect(cache.claim("a", 100)).toBe(false);
    expect(cache.claim("b", 100)).toBe(true);
    expect(cache.claim("c", 100)).toBe(false);
    now = 150;
    expect(cache.claim("c", 300)).toBe(true);
    expect(cache.claim("a", 300)).toBe(true);
  });
});
