import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../graphs/index.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { InputTooLargeError } from "../../src/routing/input-too-large-error.ts";

describe("gateway: the size gate at accept", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
  });
  afterAll(async () => gateway.close());

  it("refuses a 5 MB input larger than every context window before any backend call, naming the sizes", async () => {
    const sentence = "We chose Postgres 16.2 for the billing service; they'll migrate on Monday, said Ada. ";
    const input = sentence.repeat(Math.ceil(5_000_000 / sentence.length));
    // App code: Gateway.invoke throws the typed error before any thread state is written.
    const thrown = await gateway.invoke({ input }, { threadId: "five-megabytes" }).then(() => undefined, (error: unknown) => error);
    expect(thrown).toBeInstanceOf(InputTooLargeError);
    expect((thrown as InputTooLargeError).message).toContain(`${Buffer.byteLength(input)} bytes are at least`);
    expect((thrown as InputTooLargeError).message).toContain("1048576 tokens");
    expect((await gateway.graph.getState({ configurable: { thread_id: "five-megabytes" } })).values).toEqual({});
    // The graph itself (the server's and Studio's path): the accept node ends the run rejected, no attempt made.
    const state = await gateway.graph.invoke({ request: { input } }, { configurable: { thread_id: "five-megabytes-graph" }, context: { engine: gateway.engine } });
    expect(state.status).toBe("rejected");
    expect(state.error?.code).toBe("input_too_large");
    expect(state.error?.message).toContain("1048576 tokens");
    expect(state.attempts).toEqual([]);
  }, 60_000);

  it("serves an input the largest window holds", async () => {
    const state = await gateway.invoke({ input: "My order ORD-1 never arrived. ".repeat(2_000) }, { threadId: "fits" });
    expect(state.status).toBe("succeeded");
  }, 60_000);
});
