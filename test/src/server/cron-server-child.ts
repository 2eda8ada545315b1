/**
 * One `switchyard serve`-like process for the cron tests: a counter graph on the SQLite FILE, crons polled
 * every 10 ms on the clock held in CLOCK_FILE (epoch ms as text, moved by the test). Prints "listening on URL".
 * Usage: node --import tsx cron-server-child.ts FILE CLOCK_FILE
 */
import fs from "node:fs";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { openSqliteSaver } from "../../../checkpoints/index.ts";
import { createServer, type ServableGraph } from "../../../src/server/index.ts";

const [file, clockFile] = process.argv.slice(2);
if (file === undefined || clockFile === undefined) throw new Error("usage: cron-server-child.ts FILE CLOCK_FILE");

const saver = openSqliteSaver(file);
const State = Annotation.Root({ count: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }) });
const counter = new StateGraph(State)
  .addNode("tick", () => ({ count: 1 }))
  .addEdge(START, "tick")
  .addEdge("tick", END)
  .compile({ checkpointer: saver, name: "counter" });

const server = createServer({
  graphs: { counter: { graph: counter as unknown as ServableGraph } },
  persistence: { checkpointer: saver },
  config: { crons: { enabled: true, poll_ms: 10, batch: 50, max_crons: 100 } },
  scheduleNow: () => Number(fs.readFileSync(clockFile, "utf8")),
  log: (line) => {
    if (line.startsWith("cron")) process.stderr.write(`${line}\n`);
  },
});
const listening = await server.serve({ port: 0, host: "127.0.0.1" });
process.stdout.write(`listening on ${listening.url}\n`);
process.once("SIGTERM", () => {
  void server
    .close()
    .then(() => listening.close())
    .finally(() => {
      saver.database.close();
      process.exit(0);
    });
});
