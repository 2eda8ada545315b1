/**
 * Assistants made through the API are kept beside the checkpoints: after a restart on the same file they are
 * still there with their versions, and the system assistants are not duplicated.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, describe, expect, it } from "vitest";
import { createGateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer } from "../../../src/server/index.ts";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-assistants-"));

/** Starts serve on `file`, hands a client to `work`, and stops everything after it. */
async function withServer<T>(file: string, work: (client: Client) => Promise<T>): Promise<T> {
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: file, seed: 4 });
  const server = createServer({ gateway });
  const listening = await server.serve({ port: 0, host: "127.0.0.1" });
  try {
    return await work(new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } }));
  } finally {
    await listening.close();
    await server.close();
    await gateway.close();
  }
}

describe("assistants across a restart", () => {
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it("keeps created assistants and their versions, and the six system assistants once", async () => {
    const file = path.join(directory, "state.db");
    const created = await withServer(file, async (client) => {
      const assistant = await client.assistants.create({ graphId: "memory", name: "notes", metadata: { team: "a" } });
      await client.assistants.update(assistant.assistant_id, { name: "notes v2" });
      return assistant.assistant_id;
    });
    await withServer(file, async (client) => {
      const again = await client.assistants.get(created);
      expect(again).toMatchObject({ graph_id: "memory", name: "notes v2", version: 2, metadata: { team: "a" } });
      expect((await client.assistants.getVersions(created)).map((version) => version.name)).toEqual(["notes v2", "notes"]);
      expect(await client.assistants.count({ metadata: { created_by: "system" } })).toBe(6);
      // A run on the created assistant runs its graph and names it in the thread's metadata.
      const thread = await client.threads.create();
      await client.runs.wait(thread.thread_id, created, { input: { messages: [{ role: "user", content: "my name is Ana" }] } });
      expect((await client.threads.get(thread.thread_id)).metadata).toMatchObject({ graph_id: "memory", assistant_id: created });
      await expect(client.assistants.create({ graphId: "memory", assistantId: created })).rejects.toMatchObject({ status: 409 });
      await expect(client.assistants.create({ graphId: "no-such-graph" })).rejects.toMatchObject({ status: 404 });
      // A graph's own assistant is every caller's: no caller may change or delete it.
      await expect(client.assistants.delete("gateway")).rejects.toMatchObject({ status: 403 });
      await expect(client.assistants.update("gateway", { config: { configurable: { deployment: "x" } } })).rejects.toMatchObject({ status: 403 });
      expect((await client.assistants.get("gateway")).version).toBe(1);
    });
  }, 60_000);
});
