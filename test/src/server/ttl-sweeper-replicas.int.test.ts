import { MemorySaver } from "@langchain/langgraph-checkpoint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ttlConfigSchema } from "../../../src/config/server-config.ts";
import { openPostgresServerStorage, type ServerStorage } from "../../../src/server/state/index.ts";
import { TtlSweeper } from "../../../src/server/ttl-sweeper.ts";
import { dropPostgresSchema, postgresUrl, runScopedName, serviceAvailable } from "../../support/services.ts";

const available = await serviceAvailable("postgres");
const minute = 60_000;

/** A saver that counts how often each thread's checkpoints are deleted. */
class CountingSaver extends MemorySaver {
  readonly deletes = new Map<string, number>();
  override async deleteThread(threadId: string): Promise<void> {
    this.deletes.set(threadId, (this.deletes.get(threadId) ?? 0) + 1);
    await super.deleteThread(threadId);
  }
}

describe.skipIf(!available)("per-thread TTLs across replicas on one Postgres schema", () => {
  const schema = runScopedName("switchyard_ttl_replicas");
  const clock = { now: Date.UTC(2027, 0, 1) };
  const saver = new CountingSaver();
  const storages: ServerStorage[] = [];
  const sweepers: TtlSweeper[] = [];

  beforeAll(async () => {
    // Three replicas: each its own pool, its own sweeper, one schema; no default TTL, so only a thread's own counts.
    for (let index = 0; index < 3; index += 1) storages.push(await openPostgresServerStorage(postgresUrl, { schema, now: () => clock.now }));
    const config = ttlConfigSchema.parse({ sweep_ms: 60_000, batch: 10 });
    for (const storage of storages) sweepers.push(new TtlSweeper({ config, ttls: storage.ttls, checkpointer: saver, store: undefined, now: () => clock.now }));
  });

  afterAll(async () => {
    await Promise.allSettled(sweepers.map((sweeper) => sweeper.stop()));
    await Promise.allSettled(storages.map((storage) => storage.close()));
    await dropPostgresSchema(schema);
  });

  it("a TTL set through A is swept by B; of three sweeping at once exactly one deletes the thread and its checkpoints", async () => {
    const [a, b, c] = storages;
    const [onA, onB, onC] = sweepers;
    if (a === undefined || b === undefined || c === undefined || onA === undefined || onB === undefined || onC === undefined) throw new Error("replicas did not open");
    await a.state.createThread("through-a", {});
    await a.ttls.set("through-a", 10, "delete");
    await c.state.createThread("everyone", {});
    await c.ttls.set("everyone", 10, "delete");
    await b.state.createThread("no-ttl", {});
    expect((await onB.sweep()).deleted).toEqual([]);

    clock.now += 11 * minute;
    const onlyB = await onB.sweep();
    expect(onlyB.deleted.sort()).toEqual(["everyone", "through-a"]);
    expect(await c.state.thread("through-a")).toBeUndefined();

    for (const id of ["one", "two", "three", "four"]) {
      await a.state.createThread(id, {});
      await a.ttls.set(id, 1, "delete");
    }
    clock.now += 2 * minute;
    const reports = await Promise.all([onA.sweep(), onB.sweep(), onC.sweep()]);
    const deleted = reports.flatMap((report) => report.deleted).sort();
    expect(deleted).toEqual(["four", "one", "three", "two"]);
    for (const id of ["through-a", "everyone", "one", "two", "three", "four"]) expect(saver.deletes.get(id), id).toBe(1);
    expect(await b.state.thread("no-ttl")).toBeDefined();
  });
});
