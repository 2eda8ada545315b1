import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../checkpoints/index.ts";

const contender = fileURLToPath(new URL("../fixtures/checkpoints/lease-contender.ts", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "switchyard-leases-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function runContender(file: string, name: string, rounds: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", contender, file, name, String(rounds)]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve((JSON.parse(stdout) as { held: number }).held) : reject(new Error(`contender ${name} exited ${code}: ${stderr}`))));
  });
}

describe("thread leases across processes on one SQLite file", () => {
  it("never lets two processes hold one thread's lease at once", async () => {
    const file = join(directory, "contended.db");
    openDatabase(file).close();
    const held = await Promise.all([runContender(file, "one", 150), runContender(file, "two", 150)]);
    const database = openDatabase(file);
    const counter = Number(database.prepare("SELECT value FROM lease_counter WHERE id = 1").pluck().get());
    database.close();
    // Every read-modify-write made under the lease survived: none overlapped with the other process's.
    expect(counter).toBe(held[0]! + held[1]!);
    expect(held[0]).toBeGreaterThan(0);
    expect(held[1]).toBeGreaterThan(0);
  }, 60_000);
});
