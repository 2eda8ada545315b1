import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../../checkpoints/index.ts";
import { AdaptivePolicy } from "../../../src/output-modes/adaptive-policy.ts";
import { loadPolicy, savePolicy } from "../../../src/output-modes/policy-store.ts";

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

describe("policy persistence in a SQLite file", () => {
  it("the statistics survive closing and reopening the store (a process restart)", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-policy-"));
    directories.push(directory);
    const file = path.join(directory, "state.db");
    const first = openSqliteStore(file);
    const policy = new AdaptivePolicy();
    for (let index = 0; index < 12; index += 1) {
      policy.record({ deployment: "gemini", mode: "compressed", valid: index % 4 !== 0, latencyMs: 100 + index, tokens: 50, costUsd: 0.0001 });
    }
    await savePolicy(first, ["switchyard", "output-modes"], policy);
    first.close();

    const second = openSqliteStore(file);
    const restored = await loadPolicy(second, ["switchyard", "output-modes"]);
    second.close();
    expect(restored.toJSON()).toEqual(policy.toJSON());
    expect(restored.statisticsOf("gemini", "compressed")).toMatchObject({ count: 12 });
  });
});
