import { GoogleGenerativeAIError } from "@google/generative-ai";
import { HumanMessage } from "@langchain/core/messages";
import { createGateway } from "../../../graphs/index.ts";
import { buildChatModel } from "../../../src/backends/build-model.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { quietProfile, startEmulators, type RunningEmulators, emulatorLauncher } from "../../../src/emulators/index.ts";
import { classifyError } from "../../../src/routing/index.ts";
import { workloadTasks } from "../../../src/workload/index.ts";

const gemini = loadConfig().config.deployments.find((deployment) => deployment.provider === "google-genai")!;

function droppingGemini() {
  const profile = quietProfile();
  profile.backends.gemini.errors.droppedStream = 1;
  return profile;
}

/** What the real client throws for one call, or undefined when it succeeded. */
async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("a dropped Gemini response is classed stream_dropped", () => {
  let emulators: RunningEmulators;
  beforeAll(async () => {
    emulators = await startEmulators({ seed: 5, profile: droppingGemini() });
  });
  afterAll(async () => emulators.close());

  it("through the real ChatGoogleGenerativeAI client over loopback, every time", async () => {
    const model = buildChatModel(gemini, { emulators: emulators.urls });
    for (let index = 0; index < 5; index++) {
      const error = await thrownBy(() => model.invoke([new HumanMessage(`ticket ${index}`)]));
      expect(error, `call ${index} should have been cut`).toBeDefined();
      expect(classifyError(error)).toMatchObject({ errorClass: "stream_dropped", retryable: true });
    }
  });

  it("the Gemini SDK's own words for a broken or cut stream", () => {
    expect(classifyError(new GoogleGenerativeAIError("Error reading from the stream")).errorClass).toBe("stream_dropped");
    expect(classifyError(new GoogleGenerativeAIError("Failed to parse stream")).errorClass).toBe("stream_dropped");
  });

  it("a refused connection stays a server_error (the SDK keeps no cause that could tell it from a drop before headers)", async () => {
    const model = buildChatModel({ ...gemini, base_url: "http://127.0.0.1:9", api_key_env: "GEMINI_TEST_KEY" }, { env: { GEMINI_TEST_KEY: "test-key" } });
    expect(classifyError(await thrownBy(() => model.invoke([new HumanMessage("hi")]))).errorClass).toBe("server_error");
  });

  it("reaches the gateway's attempts as stream_dropped", async () => {
    const gateway = await createGateway({ emulators: emulatorLauncher({ profile: droppingGemini() }), checkpoints: ":memory:", seed: 5 });
    try {
      const task = workloadTasks()[2]!;
      const state = await gateway.invoke({ input: task.input, deployment: gemini.id, max_attempts: 2 }, { threadId: "gemini-drop-1" });
      expect(state.status).toBe("failed");
      expect(state.attempts.map((attempt) => [attempt.deployment, attempt.outcome, attempt.error_class])).toEqual([
        [gemini.id, "transport_error", "stream_dropped"],
        [gemini.id, "transport_error", "stream_dropped"],
      ]);
    } finally {
      await gateway.close();
    }
  });
});
