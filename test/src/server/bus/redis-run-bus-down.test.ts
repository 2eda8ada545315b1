import net from "node:net";
import { describe, expect, it } from "vitest";
import { SwitchyardError } from "../../../../src/errors.ts";
import { RedisRunBus } from "../../../../src/server/bus/index.ts";

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("RedisRunBus with Redis unreachable", () => {
  it("never throws into the run on publish, fails cancel and follow with a run_bus error naming the fix, logs one line per connection, and closes", async () => {
    const logs: string[] = [];
    const bus = new RedisRunBus({ redis: `redis://127.0.0.1:${await closedPort()}`, keyPrefix: "switchyard:down", log: (line) => logs.push(line) });
    expect(() => bus.publish("run-1", { event: "values", data: 1 })).not.toThrow();
    bus.finish("run-1");
    const cancel = bus.signalCancel("run-1", "interrupt");
    await expect(cancel).rejects.toThrow(SwitchyardError);
    await expect(cancel).rejects.toThrow(/cancel of run run-1 not sent: .*Fix: check that Redis is reachable/);
    const follow = (async () => {
      for await (const entry of bus.follow("run-1")) expect(entry).toBeUndefined();
    })();
    await expect(follow).rejects.toMatchObject({ code: "run_bus" });
    await bus.close();
    expect(logs.filter((line) => line.includes("publisher connection to Redis failed"))).toHaveLength(1);
    expect(logs.some((line) => line.includes("event values of run run-1 not published"))).toBe(true);
  });
});
