import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../../../checkpoints/index.ts";
import { UsageError } from "../../../../src/cli/args.ts";
import { keysCommand } from "../../../../src/cli/commands/keys.ts";
import { VirtualKeys } from "../../../../src/openai/index.ts";

describe("switchyard keys", () => {
  let directory: string;
  let file: string;
  let printed: string[];
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-keys-"));
    file = path.join(directory, "state.db");
    printed = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void printed.push(String(line)));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("creates a key shown once, lists it with its limits, and revokes it", async () => {
    await keysCommand(["create", "--checkpoints", file, "--name", "team-a", "--budget-usd", "5", "--period", "day", "--models", "extract,other", "--rpm", "60", "--json"]);
    const created = JSON.parse(printed[0] ?? "{}") as { key: string; id: string; models: string[]; budgetUsd: number; period: string; rpm: number };
    expect(created).toMatchObject({ models: ["extract", "other"], budgetUsd: 5, period: "day", rpm: 60 });
    const database = openDatabase(file);
    const keys = new VirtualKeys(database);
    expect((await keys.lookup(created.key))?.id).toBe(created.id);
    expect(fs.readFileSync(file).includes(created.key)).toBe(false);
    database.close();
    printed = [];
    await keysCommand(["list", "--checkpoints", file]);
    expect(printed.join("\n")).toMatch(/team-a\s+extract,other\s+60\s+-\s+\$5\/day/);
    await keysCommand(["revoke", created.id, "--checkpoints", file]);
    const reopened = openDatabase(file);
    expect(await new VirtualKeys(reopened).lookup(created.key)).toBeUndefined();
    reopened.close();
  });

  it("refuses bad flags with the fix", async () => {
    await expect(keysCommand(["create", "--checkpoints", file, "--budget-usd", "-1"])).rejects.toThrow(UsageError);
    await expect(keysCommand(["create", "--checkpoints", file, "--period", "week"])).rejects.toThrow(/--period "week" is not one of/);
    await expect(keysCommand(["rotate", "--checkpoints", file])).rejects.toThrow(/unknown action "rotate"/);
  });
});
