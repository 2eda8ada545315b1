import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfigInput } from "../../../../src/config/index.ts";
import { startCallCounter, type CallCounter } from "../../../../src/emulators/call-counter.ts";
import { quietProfile, startEmulators, type RunningEmulators } from "../../../../src/emulators/index.ts";
import { workloadTasks } from "../../../../src/workload/index.ts";

// A real `switchyard run` process is killed -9 while its second model call hangs (the first got a 500,
// completed at the backend). `switchyard resume THREAD` then continues from the last checkpoint: every call
// the counter in front of the emulator saw completed is one attempt of the thread's final state.
const cli = fileURLToPath(new URL("../../../../bin/switchyard.mjs", import.meta.url));
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-resume-crash-"));
let emulators: RunningEmulators;
let counter: CallCounter;
let hang = true;
let hangAll = false;

beforeAll(async () => {
  emulators = await startEmulators({ profile: quietProfile(), seed: 5 });
  // Call 0 fails (500), call 1 hangs until the process is killed; later calls reach the emulator.
  counter = await startCallCounter({ target: emulators.urls.openai, decide: ({ index }) => (hangAll ? "hang" : index === 0 ? "fail" : index === 1 && hang ? "hang" : "forward") });
});
afterAll(async () => {
  await counter.close();
  await emulators.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

function writeConfig(file: string, checkpoints: string): void {
  const base = defaultConfigInput();
  const openai = { ...base.deployments[0]!, base_url: counter.url, api_key_env: "SWITCHYARD_TEST_OPENAI_KEY" };
  const config = { ...base, deployments: [openai], model_groups: [{ name: "extract", deployments: [openai.id], strategy: "weighted" }], checkpoints: { url: checkpoints }, retry: { max_retries: 3, backoff: { initial_ms: 1, max_ms: 2, multiplier: 1, jitter: "none" } } };
  fs.writeFileSync(file, JSON.stringify(config));
}

function runCli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, SWITCHYARD_TEST_OPENAI_KEY: "test-key" } });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

describe("switchyard resume after a crashed switchyard run", () => {
  it("continues the thread from its last checkpoint without repeating the completed model call", async () => {
    const configFile = path.join(directory, "switchyard.yaml");
    const checkpoints = path.join(directory, "state.db");
    writeConfig(configFile, checkpoints);
    const requestFile = path.join(directory, "request.json");
    const task = workloadTasks()[0]!;
    fs.writeFileSync(requestFile, JSON.stringify({ input: task.input, task_id: task.id }));

    const crashed = runCli(["run", "--thread", "crash-1", "--input", requestFile, "--config", configFile]);
    const deadline = Date.now() + 60_000;
    while (counter.received() < 2) {
      if (Date.now() > deadline) throw new Error(`the run never made its second call: ${JSON.stringify(await Promise.race([crashed.done, Promise.resolve("running")]))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    crashed.child.kill("SIGKILL");
    await crashed.done;
    hang = false;
    expect(counter.completed()).toBe(1);

    // A second run on the thread right after the crash would fork it; the lease of the dead process is
    // taken over at once (same host), and resume goes on where the crash left the thread.
    const resumed = runCli(["resume", "crash-1", "--config", configFile]);
    const result = await resumed.done;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/continuing from checkpoint .* \(next: call_model\)/);
    expect(result.stdout).toContain("thread crash-1: succeeded");
    // Calls: the 500 (completed, recorded before the crash), the hung one (never completed), one after resume.
    // Every completed call is one attempt of the final state: none was made twice.
    expect(counter.received()).toBe(3);
    expect(counter.completed()).toBe(2);
    expect(result.stdout).toMatch(/attempt 1: openai-gpt-4o-mini\/\w+ transport_error .* 500/);
    expect(result.stdout).toMatch(/attempt 2: openai-gpt-4o-mini\/\w+ ok/);
    expect(result.stdout).not.toMatch(/attempt 3:/);
  }, 120_000);
});

describe("two concurrent switchyard run on one thread", () => {
  it("lets the second exit 6 (busy) with ThreadBusyError naming the first, instead of forking the thread", async () => {
    const configFile = path.join(directory, "busy.yaml");
    writeConfig(configFile, path.join(directory, "busy.db"));
    const requestFile = path.join(directory, "busy-request.json");
    fs.writeFileSync(requestFile, JSON.stringify({ input: workloadTasks()[1]!.input }));
    hangAll = true;
    const before = counter.received();
    const first = runCli(["run", "--thread", "busy-1", "--input", requestFile, "--config", configFile]);
    try {
      const deadline = Date.now() + 60_000;
      while (counter.received() === before) {
        if (Date.now() > deadline) throw new Error("the first run never called the model");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const second = await runCli(["run", "--thread", "busy-1", "--input", requestFile, "--config", configFile]).done;
      expect(second.code).toBe(6);
      expect(second.stderr).toMatch(/^switchyard run: thread "busy-1" is busy: run [\w-]+ of [^ ]+:\d+:\w+ holds its lease .*Fix: /);
      expect(counter.received()).toBe(before + 1);
    } finally {
      first.child.kill("SIGKILL");
      await first.done;
      hangAll = false;
    }
  }, 120_000);
});
