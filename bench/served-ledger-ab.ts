/**
 * The served-requests ledger's write of two or more checkouts in one process (issue #18): each checkout's own
 * `ServedRequests` on its own in-memory SQLite store, one answered request recorded (row, thread and run
 * pointers) and flushed at a time, blocks alternated, the order reversed every other pass. Printed per checkout:
 * median CPU ms per record + flush (main thread, `process.cpuUsage`). A one-off behind docs/gateway.md:
 *
 *   SERVED_AB_ROOTS=/work/wt-base,$PWD npx tsx bench/served-ledger-ab.ts
 */
import path from "node:path";
import type * as Persistence from "../checkpoints/open-persistence.ts";
import type * as Served from "../src/output-modes/served-requests.ts";
import { median } from "./paired-blocks.ts";

const roots = (process.env.SERVED_AB_ROOTS ?? process.cwd()).split(",").map((root) => path.resolve(root));
const PASSES = Number(process.env.SERVED_AB_PASSES ?? 20);
const BLOCK = Number(process.env.SERVED_AB_BLOCK ?? 500);

interface Ledger {
  root: string;
  run(count: number): Promise<void>;
}

async function open(root: string): Promise<Ledger> {
  const { ServedRequests } = (await import(path.join(root, "src/output-modes/served-requests.ts"))) as typeof Served;
  const { openPersistence } = (await import(path.join(root, "checkpoints/open-persistence.ts"))) as typeof Persistence;
  const persistence = await openPersistence(":memory:");
  let serial = 0;
  const served = new ServedRequests({ generateId: () => `request-${serial++}`, store: persistence.store });
  return {
    root,
    run: async (count) => {
      for (let index = 0; index < count; index++) {
        served.record({ thread_id: `thread-${serial}`, run_id: `run-${serial}`, deployment: "openai-gpt-4o-mini", mode: "emit", served_at: Date.now() });
        await served.flush();
      }
    },
  };
}

const ledgers: Ledger[] = [];
for (const root of roots) ledgers.push(await open(root));
for (const ledger of ledgers) await ledger.run(BLOCK * 4);
const perRecord = new Map<string, number[]>(roots.map((root) => [root, []]));
for (let pass = 0; pass < PASSES; pass++) {
  for (const ledger of pass % 2 === 0 ? ledgers : [...ledgers].reverse()) {
    const started = process.cpuUsage();
    await ledger.run(BLOCK);
    const used = process.cpuUsage(started);
    perRecord.get(ledger.root)!.push((used.user + used.system) / 1000 / BLOCK);
  }
}
for (const [root, values] of perRecord) console.log(`${root}\n  CPU per record + flush  ${median(values).toFixed(4)} ms (${PASSES} passes of ${BLOCK})`);
