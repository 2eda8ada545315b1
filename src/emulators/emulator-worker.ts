import { Worker } from "node:worker_threads";
import { SwitchyardError } from "../errors.ts";
import type { EmulatorStats } from "./emulator-stats.ts";
import { emulatorProfileSchema } from "./profile.ts";
import type { EmulatorOptions, RunningEmulators } from "./start-emulators.ts";

/** What {@link startEmulatorsInWorker} takes: everything but the functions, which cannot cross to a thread. */
export type WorkerEmulatorOptions = Omit<EmulatorOptions, "oracle" | "now">;

type WorkerMessage =
  | { type: "ready"; urls: RunningEmulators["urls"] }
  | { type: "stats"; stats: EmulatorStats }
  | { type: "failed"; message: string };

// Plain JavaScript, evaluated as the worker: the package ships TypeScript, so the worker registers tsx
// before importing the emulators, as bin/switchyard.mjs does for the main thread.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { register } = await import("tsx/esm/api");
  register();
  const { startEmulators } = await import(workerData.module);
  const running = await startEmulators(workerData.options);
  let reported = -1;
  // Stats are pushed when they change, so the main thread's stats() answers without a round trip.
  const report = setInterval(() => {
    const stats = running.stats();
    if (stats.total === reported) return;
    reported = stats.total;
    parentPort.postMessage({ type: "stats", stats });
  }, 50);
  parentPort.on("message", async (message) => {
    if (message.type === "setProfile") running.setProfile(message.profile);
    if (message.type === "close") {
      clearInterval(report);
      await running.close();
      parentPort.close();
    }
  });
  parentPort.postMessage({ type: "ready", urls: running.urls });
})().catch((error) => parentPort.postMessage({ type: "failed", message: String(error && error.stack || error) }));
`;

/**
 * Starts the emulators on a worker thread of their own. A provider answers from another machine; emulated in
 * the server's own event loop, its work (parsing a MiB prompt, counting its tokens, building the answer)
 * was counted as the server's, with /ok unanswered meanwhile. `switchyard serve` runs them here.
 * `stats()` answers from the last report, at most 50 ms old; `setProfile` applies to requests that reach the
 * worker after the message.
 *
 * @example
 * const emulators = await startEmulatorsInWorker({ seed: 7 });
 * const model = new ChatOpenAI({ model: "gpt-4o-mini", apiKey: "sk-emulator", configuration: { baseURL: emulators.urls.openai } });
 * await emulators.close();
 */
export async function startEmulatorsInWorker(options: WorkerEmulatorOptions = {}): Promise<RunningEmulators> {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { module: new URL(`./start-emulators.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href, options },
  });
  let latest: EmulatorStats = { total: 0, byBackend: { openai: 0, gemini: 0, ollama: 0 }, rows: [] };
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const urls = await new Promise<RunningEmulators["urls"]>((resolve, reject) => {
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "ready") resolve(message.urls);
      else if (message.type === "stats") latest = message.stats;
      else reject(new SwitchyardError("emulator_failed", `the emulators' worker thread failed to start: ${message.message}`));
    });
    worker.once("error", (error) => reject(new SwitchyardError("emulator_failed", `the emulators' worker thread failed: ${error.message}`, { cause: error })));
  });
  // The process may end while the emulators still listen, as it may with in-process ones.
  worker.unref();
  return {
    urls,
    setProfile(profile) {
      worker.postMessage({ type: "setProfile", profile: emulatorProfileSchema.parse(profile) });
    },
    stats: () => latest,
    async close() {
      worker.ref();
      worker.postMessage({ type: "close" });
      await exited;
    },
  };
}
