import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../graphs/index.ts";
import { ThreadBusyError } from "../../checkpoints/index.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { workloadTasks } from "../../src/workload/index.ts";

const task = workloadTasks()[0]!;
const request = { input: task.input, task_id: task.id, deployment: "openai-gpt-4o-mini" };

async function whenLeased(gateway: Gateway, threadId: string): Promise<void> {
  while ((await gateway.persistence.leases.holder(threadId)) === undefined) await new Promise((resolve) => setImmediate(resolve));
}

/** Root checkpoints that share a parent: each is a fork of the thread. */
async function forks(gateway: Gateway, threadId: string): Promise<number> {
  const parents = new Map<string, number>();
  for await (const snapshot of gateway.graph.getStateHistory({ configurable: { thread_id: threadId } })) {
    const parent = snapshot.parentConfig?.configurable?.checkpoint_id;
    if (typeof parent === "string") parents.set(parent, (parents.get(parent) ?? 0) + 1);
  }
  return [...parents.values()].filter((count) => count > 1).length;
}

describe("one run per thread from app code", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
  });
  afterAll(async () => gateway.close());

  it("refuses a second concurrent run on a thread with ThreadBusyError naming the first, and never forks it", async () => {
    const first = gateway.invoke(request, { threadId: "busy-1" });
    await whenLeased(gateway, "busy-1");
    const holder = await gateway.persistence.leases.holder("busy-1");
    const second = await gateway.invoke(request, { threadId: "busy-1" }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(ThreadBusyError);
    expect((second as ThreadBusyError).threadId).toBe("busy-1");
    expect((second as ThreadBusyError).holder.runId).toBe(holder?.runId);
    expect((second as ThreadBusyError).message).toContain(`run ${holder?.runId} of ${gateway.leases.instanceId}`);
    expect((await first).status).toBe("succeeded");
    // Once the first run ended, the thread is free again and goes on in a straight line.
    expect((await gateway.invoke(request, { threadId: "busy-1" })).status).toBe("succeeded");
    expect(await forks(gateway, "busy-1")).toBe(0);
    expect(await gateway.persistence.leases.holder("busy-1")).toBeUndefined();
  });

  it("holds the lease for a stream until it ends, and refuses resume meanwhile", async () => {
    const iterator = gateway.stream(request, { threadId: "busy-2" })[Symbol.asyncIterator]();
    await iterator.next();
    await expect(gateway.resume("busy-2", { approved: true })).rejects.toBeInstanceOf(ThreadBusyError);
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      // drain
    }
    expect(await gateway.persistence.leases.holder("busy-2")).toBeUndefined();
  });

  it("shares the lease with every gateway on the same file, and takes over at once from a dead process on this host", async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-busy-"));
    const file = path.join(directory, "state.db");
    const [one, two] = await Promise.all([0, 1].map(() => createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: file, seed: 3 })));
    try {
      const remote = { instanceId: `${os.hostname()}:${process.pid}:other`, runId: "remote-run" };
      expect((await two!.persistence.leases.acquire("busy-3", remote)).acquired).toBe(true);
      await expect(one!.invoke(request, { threadId: "busy-3" })).rejects.toThrow(/thread "busy-3" is busy: run remote-run/);
      await two!.persistence.leases.release("busy-3", remote);
      // A holder whose pid no longer exists (kill -9) does not block the thread until its expiry.
      const dead = { instanceId: `${os.hostname()}:2147483000:gone`, runId: "dead-run" };
      expect((await two!.persistence.leases.acquire("busy-3", dead)).acquired).toBe(true);
      expect((await one!.invoke(request, { threadId: "busy-3" })).status).toBe("succeeded");
    } finally {
      await Promise.all([one!.close(), two!.close()]);
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
