/**
 * The enforcement figures of the verification bench: the support agent's attack suite (cases, and cases that
 * let a forbidden or over-limit action execute: goal 0) and the SQLite ledger's atomic check-and-append per
 * action (against a bare insert into the same file, measured in the same run).
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteActionLedger } from "../checkpoints/index.ts";
import { ledgerScope, ledgerView, loadPolicyFile, RuntimeMonitor, setThreadFact, type Policy } from "../src/verification/index.ts";
import { runAttackSuite } from "../test/support/support-attacks.ts";
import type { BenchResult } from "./types.ts";

type Figure = BenchResult["figures"][number];

/**
 * Appends of refunds counted per customer (the scope table read and written inside the transaction), over
 * 500 customers with 4 threads each: a thread's refund reads its customer's count across threads.
 */
function scopedAppend(policy: Policy, monitor: RuntimeMonitor, ledger: SqliteActionLedger): Promise<number> {
  const rounds = 2_000;
  return (async () => {
    for (let customer = 0; customer < 500; customer += 1) for (let visit = 0; visit < 4; visit += 1) await setThreadFact(ledger, `s${customer}-${visit}`, "customer_id", `c${customer}`);
    const started = performance.now();
    for (let round = 0; round < rounds; round += 1) {
      const customer = Math.floor(round / 4);
      const threadId = `s${customer}-${round % 4}`;
      // lookup_order keeps the admit check the same as the unscoped figure's: only the scope's read and write differ.
      await ledger.append(threadId, { kind: "executed", callId: `s${round}`, action: "lookup_order", args: { order_id: "A1" }, scopes: [ledgerScope("customer_id", `c${customer}`)] }, (lineage, scoped) => {
        const decision = monitor.check(ledgerView(policy, lineage, scoped).state, "lookup_order", { order_id: "A1" }, { rulesOnly: true });
        return decision.verdict === "block" ? decision.reasons.join("; ") : undefined;
      });
    }
    return (performance.now() - started) / rounds;
  })();
}

async function ledgerAppend(): Promise<{ append: number; insert: number; scoped: number }> {
  const policy = loadPolicyFile(path.resolve("policies/support.yaml"));
  const monitor = new RuntimeMonitor(policy);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ledger-"));
  const database = new Database(path.join(directory, "ledger.db"));
  database.pragma("journal_mode = WAL");
  const ledger = new SqliteActionLedger(database);
  const rounds = 2_000;
  let started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    // A thread per 20 actions: the admit check replays a realistic lineage, not an ever-growing one.
    await ledger.append(`t${Math.floor(round / 20)}`, { kind: "executed", callId: `c${round}`, action: "lookup_order", args: { order_id: "A1" } }, (lineage) => {
      const decision = monitor.check(ledgerView(policy, lineage).state, "lookup_order", { order_id: "A1" }, { rulesOnly: true });
      return decision.verdict === "block" ? decision.reasons.join("; ") : undefined;
    });
  }
  const append = (performance.now() - started) / rounds;
  const scoped = await scopedAppend(policy, monitor, ledger);
  database.exec("CREATE TABLE bare (id INTEGER PRIMARY KEY, body TEXT)");
  const insert = database.prepare("INSERT INTO bare (body) VALUES (?)");
  started = performance.now();
  for (let round = 0; round < rounds; round += 1) insert.run(`{"order_id":"A1","n":${round}}`);
  const bare = (performance.now() - started) / rounds;
  database.close();
  fs.rmSync(directory, { recursive: true, force: true });
  return { append, insert: Math.max(bare, 1e-6), scoped };
}

/** The attack suite and ledger figures, and a table of the attack cases on stdout. */
export async function enforcementFigures(): Promise<Figure[]> {
  const results = await runAttackSuite();
  console.log("\nattack suite (support agent):");
  for (const result of results) console.log(`  ${result.violations.length === 0 ? "held " : "BROKE"}  ${result.name}${result.violations.length === 0 ? "" : `: ${result.violations.join("; ")}`}`);
  const broken = results.filter((result) => result.violations.length > 0).length;
  const { append, insert, scoped } = await ledgerAppend();
  return [
    { metric: "attack suite: cases", value: results.length, unit: "cases" },
    { metric: "attack suite: cases that let a forbidden or over-limit action execute", value: broken, unit: "cases", goal: 0 },
    { metric: "ledger check-and-append (SQLite, IMMEDIATE transaction) per action", value: append, unit: "ms", baseline: "bare insert", ratio: append / insert },
    { metric: "ledger check-and-append with a per-customer scope (count across threads read and written in the transaction)", value: scoped, unit: "ms", baseline: "unscoped append", ratio: scoped / append },
  ];
}
