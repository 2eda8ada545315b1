/**
 * `npx tsx bench/a2a-task-rows.ts`: CPU per A2A task's two row writes (its start, then its end, as a blocking
 * SendMessage writes them) in the server's SQLite tasks table, as a rowid table (today's) and as the WITHOUT
 * ROWID table earlier versions created, in one process, alternated per block, as the table grows to
 * A2A_ROWS_TOTAL tasks (default 20,000) in an in-memory database. The rows are the size the server writes for a
 * one-node graph's task (its end is about 1 KB).
 */
import Database from "better-sqlite3";
import { median } from "./paired-blocks.ts";

const TOTAL = Number(process.env.A2A_ROWS_TOTAL ?? 20_000);
const BLOCK = 1_000;
const owner = "0123456789abcdef0123456789abcdef";

/** A task's JSON at its start and its end, shaped as the server stores a one-node graph's. */
function taskRows(id: string): [string, string] {
  const contextId = crypto.randomUUID();
  const user = { messageId: crypto.randomUUID(), contextId, taskId: id, role: "ROLE_USER", parts: [{ data: { question: "what is the refund window for order 1234?" } }] };
  const start = { id, contextId, status: { state: "TASK_STATE_SUBMITTED", timestamp: new Date().toISOString() }, history: [user] };
  const step = { messageId: crypto.randomUUID(), contextId, taskId: id, role: "ROLE_AGENT", parts: [{ text: "step respond done", metadata: { node: "respond" }, mediaType: "text/plain" }] };
  const artifact = { artifactId: `${id}-output`, name: "output", description: "output of echo", parts: [{ data: { question: "what is the refund window for order 1234?", answer: "echo: what is the refund window for order 1234?" }, mediaType: "application/json" }] };
  const end = { ...start, status: { state: "TASK_STATE_COMPLETED", timestamp: new Date().toISOString() }, artifacts: [artifact], history: [user, step] };
  return [JSON.stringify(start), JSON.stringify(end)];
}

function table(withoutRowid: boolean) {
  const database = new Database(":memory:");
  database.exec(`CREATE TABLE server_a2a_tasks (owner TEXT NOT NULL, a2a_task_id TEXT NOT NULL, task TEXT NOT NULL, saved_at INTEGER NOT NULL, PRIMARY KEY (owner, a2a_task_id))${withoutRowid ? " WITHOUT ROWID" : ""};
CREATE INDEX server_a2a_tasks_saved ON server_a2a_tasks (owner, saved_at);`);
  const save = database.prepare("INSERT INTO server_a2a_tasks (owner, a2a_task_id, task, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (owner, a2a_task_id) DO UPDATE SET task = excluded.task, saved_at = excluded.saved_at");
  return (count: number): number => {
    const tasks = Array.from({ length: count }, () => {
      const id = crypto.randomUUID();
      return [id, ...taskRows(id)] as const;
    });
    const started = process.cpuUsage();
    for (const [id, start, end] of tasks) {
      save.run(owner, id, start, Date.now());
      save.run(owner, id, end, Date.now());
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / count;
  };
}

const kinds = [
  ["rowid (today)", table(false)],
  ["WITHOUT ROWID (before)", table(true)],
] as const;
console.log(`CPU per task (start and end written), µs, per block of ${BLOCK} tasks, alternated`);
const ratios: number[] = [];
for (let written = 0; written < TOTAL; written += BLOCK) {
  const order = (written / BLOCK) % 2 === 0 ? [0, 1] : [1, 0];
  const costs: number[] = [0, 0];
  for (const index of order) costs[index] = kinds[index]![1](BLOCK);
  ratios.push(costs[1]! / costs[0]!);
  if ((written + BLOCK) % 5_000 === 0) console.log(`  at ${written + BLOCK} tasks: ${kinds.map(([name], index) => `${name} ${costs[index]!.toFixed(1)}`).join(", ")}`);
}
console.log(`WITHOUT ROWID ÷ rowid, median over blocks: ${median(ratios).toFixed(2)}`);
