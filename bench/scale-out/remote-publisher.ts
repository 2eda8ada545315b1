/**
 * Replica A on a thread of its own: its own event loop and Redis connection publish a run's events (and a
 * series of cancels), so what the followers measure is the crossing from one replica's loop to another's.
 * Times are epoch milliseconds with sub-ms precision (`performance.timeOrigin + performance.now()`), which
 * both threads read from the same clock.
 */
import { Worker } from "node:worker_threads";

const source = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  // The worker registers tsx before importing TypeScript, as the emulators' worker does.
  const { register } = await import("tsx/esm/api");
  register();
  const { RedisRunBus } = await import(workerData.module);
  const bus = new RedisRunBus({ redis: workerData.redisUrl, keyPrefix: workerData.prefix, retentionMs: 60000 });
  const now = () => performance.timeOrigin + performance.now();
  parentPort.on("message", async (message) => {
    if (message.type === "stream") {
      for (let index = 0; index < message.events; index += 1) {
        bus.publish(message.runId, { event: "messages/partial", data: { at: now(), index, text: "token ".repeat(8) } });
        if (index % 4 === 3) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      bus.finish(message.runId);
      parentPort.postMessage({ type: "done" });
    } else if (message.type === "cancels") {
      for (let index = 0; index < message.count; index += 1) {
        parentPort.postMessage({ type: "sent", runId: message.prefix + index, at: now() });
        await bus.signalCancel(message.prefix + index, "interrupt");
      }
      parentPort.postMessage({ type: "done" });
    } else if (message.type === "close") {
      await bus.close();
      process.exit(0);
    }
  });
  parentPort.postMessage({ type: "ready" });
})().catch((error) => parentPort.postMessage({ type: "failed", message: String((error && error.stack) || error) }));
`;

type Message = { type: "ready" | "done" | "failed"; message?: string } | { type: "sent"; runId: string; at: number };

/** A publishing replica on a worker thread; `stream` and `cancels` resolve when it has sent everything. */
export async function startRemotePublisher(redisUrl: string, prefix: string) {
  const worker = new Worker(source, { eval: true, workerData: { module: new URL("../../src/server/bus/redis-run-bus.ts", import.meta.url).href, redisUrl, prefix } });
  const sentAt = new Map<string, number>();
  let waiting: { resolve: () => void; reject: (error: Error) => void } | undefined;
  worker.on("message", (message: Message) => {
    if (message.type === "sent") sentAt.set(message.runId, message.at);
    else if (message.type === "failed") waiting?.reject(new Error(`publisher thread failed: ${message.message}`));
    else waiting?.resolve();
  });
  const next = (): Promise<void> => new Promise((resolve, reject) => (waiting = { resolve, reject }));
  await next();
  return {
    sentAt,
    async stream(runId: string, events: number): Promise<void> {
      const done = next();
      worker.postMessage({ type: "stream", runId, events });
      await done;
    },
    async cancels(prefixOfRuns: string, count: number): Promise<void> {
      const done = next();
      worker.postMessage({ type: "cancels", prefix: prefixOfRuns, count });
      await done;
    },
    async close(): Promise<void> {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage({ type: "close" });
      await exited;
    },
  };
}
