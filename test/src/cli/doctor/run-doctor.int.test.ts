import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFindings } from "../../../../src/cli/commands/doctor.ts";
import type { DoctorFinding } from "../../../../src/cli/doctor/doctor-finding.ts";
import { runDoctor } from "../../../../src/cli/doctor/run-doctor.ts";
import { emulatorLauncher } from "../../../../src/emulators/index.ts";
import { SqliteEventLog } from "../../../../src/guardian/index.ts";

const NOW = Date.parse("2026-12-06T10:00:00Z");
const SKEW_MS = 10 * 60_000;
const plentyOfDisk = async () => ({ freeBytes: 50 * 2 ** 30, totalBytes: 100 * 2 ** 30 });
const nearlyFullDisk = async () => ({ freeBytes: 100 * 2 ** 20, totalBytes: 100 * 2 ** 30 });

/** An OpenAI-shaped backend: GET /v1/models answers 200 to "Bearer good-key", 401 otherwise; its clock is 10 min ahead. */
function startBackend(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    response.setHeader("date", new Date(NOW + SKEW_MS).toUTCString());
    const ok = request.headers.authorization === "Bearer good-key";
    response.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    response.end(ok ? JSON.stringify({ data: [] }) : JSON.stringify({ error: { message: "Incorrect API key provided" } }));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/v1`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

/** A port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const deployment = (id: string, baseUrl: string, keyVariable: string) => ({ id, provider: "openai", model: "gpt-4o-mini", base_url: baseUrl, api_key_env: keyVariable });

function writeConfig(directory: string, name: string, config: Record<string, unknown>): string {
  const file = path.join(directory, name);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const failuresOf = (findings: readonly DoctorFinding[]) => findings.filter((finding) => !finding.ok);
const find = (findings: readonly DoctorFinding[], check: string | RegExp) => findings.find((finding) => !finding.ok && (typeof check === "string" ? finding.check === check : check.test(finding.check)));

describe("switchyard doctor finds each of ten seeded faults and names its fix", () => {
  let directory: string;
  let backend: { url: string; close(): Promise<void> };
  let deadPort: number;
  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-doctor-"));
    backend = await startBackend();
    deadPort = await closedPort();
  });
  afterAll(async () => {
    await backend.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("bad key, unreachable backend, clock skew, corrupt checkpoint file, Redis down, disk nearly full", async () => {
    const corrupt = path.join(directory, "corrupt.db");
    fs.writeFileSync(corrupt, "this is not a SQLite database ".repeat(200));
    const config = writeConfig(directory, "faults-a.json", {
      deployments: [deployment("good", backend.url, "GOOD_KEY"), deployment("bad-key", backend.url, "BAD_KEY"), deployment("gone", `http://127.0.0.1:${deadPort}/v1`, "GOOD_KEY")],
      model_groups: [{ name: "main", deployments: ["good", "bad-key", "gone"] }],
      checkpoints: { url: corrupt },
      routing_state: { backend: "redis", url: `redis://127.0.0.1:${deadPort}` },
    });
    const findings = await runDoctor({ configPath: config, env: { GOOD_KEY: "good-key", BAD_KEY: "wrong-key" }, now: () => NOW, readDisk: nearlyFullDisk });
    expect(find(findings, "deployment good")).toBeUndefined();
    expect(find(findings, "deployment bad-key")).toMatchObject({ message: expect.stringMatching(/refused the key \(HTTP 401/), fix: expect.stringMatching(/\$BAD_KEY/) });
    expect(find(findings, "deployment gone")).toMatchObject({ message: expect.stringMatching(/unreachable/), fix: expect.stringMatching(/base_url/) });
    expect(find(findings, "clock")).toMatchObject({ message: expect.stringMatching(/600 s behind/), fix: expect.stringMatching(/synchronise the clock/) });
    expect(find(findings, "checkpoints")).toMatchObject({ message: expect.stringMatching(/damaged/), fix: expect.stringMatching(/restore it from a backup/) });
    expect(find(findings, "redis")).toMatchObject({ message: expect.stringMatching(/cannot reach redis:\/\/127\.0\.0\.1/), fix: expect.stringMatching(/start Redis/) });
    expect(find(findings, "disk")).toMatchObject({ message: expect.stringMatching(/0\.1 GiB free/), fix: expect.stringMatching(/free space/) });
    expect(failuresOf(findings)).toHaveLength(6);
    expect(formatFindings(findings)).toMatch(/FAIL\s+redis[\s\S]*Fix: start Redis/);
  });

  it("a checkpoint file from a newer format, and an open guardian incident", async () => {
    const future = path.join(directory, "future.db");
    const database = new Database(future);
    database.pragma("user_version = 99");
    database.close();
    const log = SqliteEventLog.open(future);
    log.record({ at: NOW - 60_000, category: "recovery", kind: "quarantine", subject: "flaky", reason: "guardian: error rate 40 % vs baseline 1 %", evidence: { until: NOW + 30 * 60_000 } });
    log.record({ at: NOW - 120_000, category: "recovery", kind: "quarantine", subject: "recovered", reason: "latency", evidence: { until: NOW + 60_000 } });
    log.record({ at: NOW - 30_000, category: "restore", kind: "quarantine", subject: "recovered", reason: "back within baseline", evidence: {} });
    log.close();
    const config = writeConfig(directory, "faults-b.json", {
      deployments: [deployment("flaky", backend.url, "GOOD_KEY")],
      model_groups: [{ name: "main", deployments: ["flaky"] }],
      checkpoints: { url: future },
    });
    const findings = await runDoctor({ configPath: config, env: { GOOD_KEY: "good-key" }, now: () => NOW + SKEW_MS, readDisk: plentyOfDisk });
    expect(find(findings, "checkpoints")).toMatchObject({ message: expect.stringMatching(/format 99, newer than the \d+ this switchyard reads/), fix: expect.stringMatching(/upgrade switchyard/) });
    expect(find(findings, "guardian flaky")).toMatchObject({ message: expect.stringMatching(/open incident: quarantine of flaky/), fix: expect.stringMatching(/switchyard events --subject flaky/) });
    expect(find(findings, /recovered/)).toBeUndefined();
    expect(failuresOf(findings)).toHaveLength(2);
  });

  it("Postgres down", async () => {
    const config = writeConfig(directory, "faults-c.json", {
      deployments: [deployment("good", backend.url, "GOOD_KEY")],
      model_groups: [{ name: "main", deployments: ["good"] }],
      checkpoints: { url: `postgres://switchyard:secret@127.0.0.1:${deadPort}/test` },
    });
    const findings = await runDoctor({ configPath: config, env: { GOOD_KEY: "good-key" }, now: () => NOW + SKEW_MS, readDisk: plentyOfDisk });
    const postgres = find(findings, "postgres");
    expect(postgres).toMatchObject({ message: expect.stringMatching(/cannot reach postgres:/), fix: expect.stringMatching(/start Postgres/) });
    expect(postgres?.message).not.toMatch(/secret/);
    expect(failuresOf(findings)).toHaveLength(1);
  });

  it("a bad config field, with where it is and the fix", async () => {
    const file = path.join(directory, "bad.yaml");
    fs.writeFileSync(file, "deployments:\n  - id: a\n    provider: openai\n    model: gpt-4o-mini\nmodel_groups:\n  - name: main\n    deployments: [a]\ncooldown:\n  alowed_fails: 3\n");
    const findings = await runDoctor({ configPath: file, readDisk: plentyOfDisk });
    expect(failuresOf(findings)).toEqual([expect.objectContaining({ check: "config", message: expect.stringMatching(/bad\.yaml:9:\d+ .*cooldown/), fix: expect.stringMatching(/allowed_fails/) })]);
  });

  it("the built-in default against its emulators, on a healthy disk, passes every check", async () => {
    const findings = await runDoctor({ checkpoints: path.join(directory, "fresh", "state.db"), readDisk: plentyOfDisk, startEmulators: () => emulatorLauncher()({ seed: 7, profilePath: undefined }) });
    expect(failuresOf(findings)).toEqual([]);
    expect(findings.filter((finding) => finding.check.startsWith("deployment "))).toHaveLength(3);
  });
});
