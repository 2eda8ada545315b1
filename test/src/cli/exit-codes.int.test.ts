import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-exit-"));
const write = (name: string, text: string) => {
  const file = path.join(directory, name);
  fs.writeFileSync(file, text);
  return file;
};

/** Runs the real CLI in a child process; resolves with its exit code and output, never rejects. */
function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.resolve("src/cli/main.ts"), ...argv], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

const database = () => path.join(fs.mkdtempSync(path.join(directory, "db-")), "state.db");

describe("switchyard run exits with a code per outcome", () => {
  it("0 when the request succeeded", async () => {
    const result = await cli("run", "--thread", "ok-1", "--input", "examples/request.json", "--checkpoints", database());
    expect(result.stdout).toMatch(/thread ok-1: succeeded/);
    expect(result.code).toBe(0);
  }, 90_000);

  it("2 when the request names a model group that does not exist, before any backend call", async () => {
    const request = write("unknown-group.json", JSON.stringify({ input: "My order ORD-1 never arrived", model_group: "extrct" }));
    const result = await cli("run", "--thread", "group-1", "--input", request, "--checkpoints", database());
    expect(result.stderr).toMatch(/switchyard run: request\.model_group "extrct" is not a model group.*did you mean "extract"\?/);
    expect(result.code).toBe(2);
  }, 90_000);

  it("3 when every backend failed", async () => {
    const config = write(
      "dead.yaml",
      "deployments:\n  - id: dead\n    provider: ollama\n    model: llama3.1\n    base_url: http://127.0.0.1:9\n    timeout_ms: 2000\nmodel_groups:\n  - name: g\n    deployments: [dead]\nrequests:\n  max_attempts: 1\n  deadline_ms: 3000\n",
    );
    const result = await cli("run", "--thread", "dead-1", "--input", "examples/request.json", "--config", config, "--checkpoints", database());
    expect(result.stdout).toMatch(/thread dead-1: failed/);
    expect(result.code).toBe(3);
  }, 90_000);

  it("4 when the thread waits for approval", async () => {
    const result = await cli("run", "--thread", "wait-1", "--input", "examples/approval-request.json", "--checkpoints", database());
    expect(result.stdout).toMatch(/waiting for a decision/);
    expect(result.code).toBe(4);
  }, 90_000);

  it("1 on a usage or config error", async () => {
    expect((await cli("run", "--thread", "t")).code).toBe(1);
    const config = write("bad-url.yaml", "deployments:\n  - id: a\n    provider: ollama\n    model: llama3.1\n    base_url: \"htp:/bad url\"\nmodel_groups:\n  - name: g\n    deployments: [a]\n");
    const result = await cli("run", "--thread", "t", "--input", "examples/request.json", "--config", config);
    expect(result.stderr).toMatch(/base_url: not a usable URL/);
    expect(result.code).toBe(1);
  }, 90_000);

  it("1 for an unknown command, even one named like an Object.prototype member", async () => {
    const result = await cli("toString");
    expect(result.stderr).toMatch(/unknown command "toString"/);
    expect(result.code).toBe(1);
  }, 60_000);
});
