import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openSqliteSaver } from "../../checkpoints/index.ts";

const writerScript = fileURLToPath(new URL("../fixtures/checkpoints/concurrent-writer.ts", import.meta.url));
const workers = 4;
const checkpointsPerWorker = 150;

function runWriter(file: string, worker: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", writerScript, file, String(worker), String(checkpointsPerWorker)]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("several processes writing one file", () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "switchyard-concurrency-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it(`${workers} processes write their own threads and a shared one: no lock error reaches them, nothing is lost`, async () => {
    const file = join(directory, "shared.db");
    const results = await Promise.all(Array.from({ length: workers }, (_, worker) => runWriter(file, worker + 1)));
    for (const result of results) {
      expect(result.stderr).not.toMatch(/locked|SQLITE_BUSY/);
      expect(result.code, result.stderr).toBe(0);
    }
    const written = results.map((result) => JSON.parse(result.stdout) as { own: string[]; shared: string[] });
    const saver = openSqliteSaver(file);
    for (const [index, { own }] of written.entries()) {
      const stored = [];
      for await (const tuple of saver.list({ configurable: { thread_id: `worker-${index + 1}` } })) stored.push(tuple.checkpoint.id);
      expect(stored.sort()).toEqual([...own].sort());
    }
    const sharedStored = [];
    for await (const tuple of saver.list({ configurable: { thread_id: "shared" } })) sharedStored.push(tuple.checkpoint.id);
    expect(sharedStored.sort()).toEqual(written.flatMap((entry) => entry.shared).sort());
    // The metadata index, batched by whichever process crossed the batch size, answers as a scan would.
    for (const [index, { own, shared }] of written.entries()) {
      const worker = String(index + 1);
      const sharedByWorker = [];
      for await (const tuple of saver.list({ configurable: { thread_id: "shared" } }, { filter: { worker, source: "update" } })) sharedByWorker.push(tuple.checkpoint.id);
      expect(sharedByWorker.sort()).toEqual([...shared].sort());
      const ownLoop = [];
      for await (const tuple of saver.list({ configurable: { thread_id: `worker-${worker}`, checkpoint_ns: "" } }, { filter: { source: "loop", worker } })) ownLoop.push(tuple.checkpoint.id);
      expect(ownLoop.sort()).toEqual([...own].sort());
    }
    expect(saver.database.prepare("SELECT count(*) FROM sy_checkpoint_metadata WHERE thread_id = 'shared'").pluck().get()).toBeGreaterThan(0);
    expect(saver.database.pragma("integrity_check", { simple: true })).toBe("ok");
    saver.close();
  }, 60_000);
});
