import { commandFlags } from "../command-flags.ts";
import { guardian as guardianGraph } from "../../../graphs/guardian.ts";
import { loadConfig } from "../../config/load.ts";
import { emulatorLauncher } from "../../emulators/index.ts";
import { eventLine, type GuardianEvent, type GuardianRuntime } from "../../guardian/index.ts";
import { startEngine } from "../../runtime/start-engine.ts";
import { intFlag, parseCommandArgs } from "../args.ts";
import { renderTable } from "../table.ts";

const usage = "usage: switchyard guardian [--watch] [--interval SECONDS] [--json] [--config FILE] [--state FILE]";

const figure = (value: number | null) => (value === null ? "-" : value);

function print(runtime: GuardianRuntime, json: boolean): void {
  const { baselines, incidents } = runtime.summary();
  if (json) {
    console.log(JSON.stringify({ baselines, incidents }));
    return;
  }
  if (baselines.length === 0) console.log("no baselines yet: the guardian learns from requests the gateway serves");
  else
    console.log(
      renderTable(
        ["deployment", "mode", "samples", "baseline", "warm", "p95 ms", "base p95", "correct", "base correct", "errors"],
        baselines.map((row) => [row.deployment, row.mode, row.samples, row.baseline_samples, row.warmed_up ? "yes" : "no", figure(row.p95_ms), figure(row.baseline_p95_ms), figure(row.correct_rate), figure(row.baseline_correct_rate), figure(row.error_rate)]),
      ),
    );
  for (const incident of incidents) {
    console.log(`incident: ${incident.detector} on ${incident.mode ? `${incident.deployment}/${incident.mode}` : incident.deployment}: ${incident.action} (${incident.phase}${incident.phase === "active" ? ` until ${new Date(incident.until).toISOString()}` : ""}, level ${incident.level})`);
  }
}

/**
 * `switchyard guardian`: the stored baselines and incidents. With `--watch`, runs the guardian graph's
 * scheduled pass every `--interval` seconds (lifting expired holds, saving baselines) and prints each time.
 */
export async function guardianCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs("guardian", argv, commandFlags.guardian);
  if (values.help) return void console.log(usage);
  const config = loadConfig(values.config).config;
  // Without --state the engine picks the log the server writes (Postgres on storage: postgres://, else the
  // SQLite state file beside the checkpoints), so this command reads what `serve` recorded.
  const lines = { record: (event: GuardianEvent) => console.log(eventLine(event)) };
  const engine = await startEngine({ config, emulators: emulatorLauncher(), guardian: values.state === undefined ? { lines } : { stateFile: values.state, lines } });
  const runtime = engine.guardian;
  try {
    if (!values.watch) {
      print(runtime, values.json === true);
      return;
    }
    const intervalMs = intFlag("guardian", "interval", values.interval, 10) * 1000;
    const stop = new AbortController();
    process.once("SIGINT", () => stop.abort());
    while (!stop.signal.aborted) {
      await guardianGraph.invoke({ trigger: "schedule" }, { context: { engine } });
      print(runtime, values.json === true);
      await engine.sleep(intervalMs, stop.signal).catch(() => {});
    }
  } finally {
    await runtime.close();
    await engine.close();
  }
}
