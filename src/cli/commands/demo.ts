import { commandFlags } from "../command-flags.ts";
import { emulatorLauncher } from "../../emulators/index.ts";
import fs from "node:fs";
import path from "node:path";
import { createGateway } from "../../../graphs/create-gateway.ts";
import { OUTPUT_MODES } from "../../output-modes/protocol.ts";
import { attemptSpend } from "../../state/attempt-spend.ts";
import { isCorrect, workloadTasks } from "../../workload/index.ts";
import { intFlag, parseCommandArgs } from "../args.ts";
import { aggregate, type DemoSample, type ReportCell } from "../demo-report.ts";
import { ProgressBar } from "../progress.ts";
import { renderTable } from "../table.ts";

const usage = `switchyard demo [--requests N] [--concurrency N] [--config FILE] [--checkpoints URL] [--report FILE]
  Runs the bundled workload across every backend x output mode on the embedded emulators
  (or the backends of --config) and prints a table per cell.`;

/** The main job: every (backend, mode) cell of the workload, measured end to end through the gateway. */
export async function demoCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs("demo", argv, commandFlags.demo);
  if (values.help) return void console.log(usage);
  const requested = values.requests === undefined ? undefined : intFlag("demo", "requests", values.requests, 1);
  const concurrency = intFlag("demo", "concurrency", values.concurrency, 8);
  const gateway = await createGateway({
    // The CLI is the outer shell: it starts the emulators when the config has emulated deployments.
    emulators: emulatorLauncher(),
    ...(values.config ? { configPath: values.config } : {}),
    ...(values.checkpoints ? { checkpoints: values.checkpoints } : {}),
  });
  try {
    const deployments = gateway.engine.config.deployments;
    const cells = deployments.flatMap((deployment) => OUTPUT_MODES.map((mode) => ({ deployment, mode })));
    const total = requested ?? cells.length * 30;
    const tasks = workloadTasks();
    const runId = new Date(gateway.engine.now()).toISOString().replace(/[-:.TZ]/g, "").slice(0, 14);
    const jobs = Array.from({ length: total }, (_, index) => {
      const cell = cells[index % cells.length]!;
      const task = tasks[Math.floor(index / cells.length) % tasks.length]!;
      return { index, cell, task, threadId: `demo-${runId}-${index}` };
    });
    console.log(`switchyard demo: ${total} requests over ${cells.length} cells (${deployments.length} backends x ${OUTPUT_MODES.length} modes), checkpoints in ${gateway.persistence.describe}`);
    const progress = new ProgressBar(total, "requests");
    const samples: DemoSample[] = [];
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const started = gateway.engine.now();
        const state = await gateway.invoke(
          { input: job.task.input, task_id: job.task.id, deployment: job.cell.deployment.id, mode: job.cell.mode, max_attempts: 3 },
          { threadId: job.threadId },
        );
        const attempts = state.attempts;
        samples.push({
          backend: job.cell.deployment.id,
          mode: job.cell.mode,
          valid: state.output?.valid === true,
          firstPassValid: attempts[0]?.outcome === "ok",
          // Scored against the workload's gold label here, after the fact: the gateway never sees it.
          correct: state.output?.valid === true && isCorrect(job.task.gold, state.output.structured),
          latencyMs: gateway.engine.now() - started,
          tokens: attempts.reduce((sum, attempt) => sum + attemptSpend(attempt).tokens, 0),
          costUsd: attempts.reduce((sum, attempt) => sum + attemptSpend(attempt).costUsd, 0),
        });
        progress.tick();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const report = aggregate(samples, deployments.map((deployment) => deployment.id));
    printReport(report);
    const reportPath = values.report ?? path.join(".switchyard", "report.json");
    fs.mkdirSync(path.dirname(reportPath), { recursive: true });
    fs.writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    const example = jobs[0]!.threadId;
    console.log(`\nWrote ${reportPath}.`);
    console.log(`Inspect a thread:  npm run switchyard -- state ${example}`);
    console.log(`Its checkpoints:   npm run switchyard -- history ${example}`);
    console.log(`Pause and resume:  npm run switchyard -- run --thread t1 --input examples/approval-request.json`);
    console.log(`                   npm run switchyard -- resume t1 --value '{"approved": true}'`);
  } finally {
    await gateway.close();
  }
}

function printReport(report: readonly ReportCell[]): void {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(
    `\n${renderTable(
      ["backend", "mode", "requests", "valid", "1st-pass valid", "correct", "p50 ms", "p95 ms", "tokens", "cost $"],
      report.map((cell) => [
        cell.backend,
        cell.mode,
        cell.requests,
        percent(cell.validRate),
        percent(cell.firstPassValidRate),
        percent(cell.correctRate),
        cell.p50Ms.toFixed(0),
        cell.p95Ms.toFixed(0),
        cell.tokens,
        cell.costUsd.toFixed(4),
      ]),
    )}`,
  );
}
