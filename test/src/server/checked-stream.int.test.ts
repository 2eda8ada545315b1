import { Client } from "@langchain/langgraph-sdk";
import { createGateway, parseConfigValue, type Gateway } from "../../../graphs/index.ts";
import { defaultConfigInput } from "../../../src/config/index.ts";
import { quietProfile, emulatorLauncher } from "../../../src/emulators/index.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../src/server/index.ts";

const ticket = "My order ORD-1 never arrived and I want a refund of $40";

describe("serve with verification on: streamed output goes through the checks", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  let client: Client;
  beforeAll(async () => {
    const config = parseConfigValue({ ...defaultConfigInput(), verification: { enabled: true, pii: { strategy: "redact" } } }, "test.yaml");
    gateway = await createGateway({ config, emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
    server = createServer({ gateway });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
    client = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } });
  });
  afterAll(async () => {
    await listening.close();
    await server.close();
    await gateway.close();
  });

  it("streams the whole checked answer as tokens, and state only with the checked answer", async () => {
    let tokens = "";
    const values: Array<{ status?: string; output?: { raw?: string } }> = [];
    const updates: string[] = [];
    for await (const part of client.runs.stream(null, "gateway", {
      input: { request: { input: ticket, deployment: "openai-gpt-4o-mini" } },
      streamMode: ["messages-tuple", "values", "updates"],
    })) {
      if (part.event === "messages") {
        const [message] = part.data as [{ content: string; type: string }, unknown];
        if (message.type === "ai") tokens += message.content;
      }
      if (part.event === "values") values.push(part.data as { status?: string; output?: { raw?: string } });
      if (part.event === "updates") updates.push(...Object.keys(part.data as object));
    }
    const final = values.at(-1);
    expect(final?.status).toBe("succeeded");
    expect(tokens).toBe(final?.output?.raw);
    expect(updates).toEqual(["accept", "verify_request", "memory_step", "call_model", "check_output", "verify_output", "guardian"]);
  });
});
