import { createGateway } from "../../../graphs/index.ts";
import { quietProfile, emulatorLauncher } from "../../../src/emulators/index.ts";
import { GATEWAY_STATE_VERSION, StateVersionError } from "../../../src/state/index.ts";

describe("durable gateway state carries its schema version", () => {
  it("writes the current version and refuses a thread written by a newer switchyard", async () => {
    const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:" });
    try {
      const config = { configurable: { thread_id: "versioned" } };
      const first = await gateway.invoke({ input: "The app crashes on login", deployment: "ollama-llama3.1" }, { threadId: "versioned" });
      expect(first.schema_version).toBe(GATEWAY_STATE_VERSION);
      await gateway.graph.updateState(config, { schema_version: GATEWAY_STATE_VERSION + 1 });
      const again = gateway.invoke({ input: "Still crashing" }, { threadId: "versioned" });
      await expect(again).rejects.toThrow(StateVersionError);
      await expect(gateway.invoke({ input: "Still crashing" }, { threadId: "versioned" })).rejects.toThrow(
        /written with gateway state version 2, but this switchyard reads up to version 1\. Fix: upgrade switchyard/,
      );
    } finally {
      await gateway.close();
    }
  });
});
