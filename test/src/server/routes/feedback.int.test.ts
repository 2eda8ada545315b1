import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../../graphs/index.ts";
import { quietProfile, emulatorLauncher } from "../../../../src/emulators/index.ts";
import { FeedbackInvalidError, UnknownRequestError } from "../../../../src/output-modes/feedback.ts";
import { createServer, type ListeningServer, type SwitchyardServer } from "../../../../src/server/index.ts";

const ticket = "My order ORD-1 never arrived and I want a refund of $40";
const deployment = "openai-gpt-4o-mini";

describe("feedback: a delayed verdict reaches the policy for the (deployment, mode) that served the request", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  let listening: ListeningServer;
  let client: Client;
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 3 });
    server = createServer({ gateway });
    listening = await server.serve({ port: 0, host: "127.0.0.1" });
    client = new Client({ apiUrl: listening.url, callerOptions: { maxRetries: 0 } });
  });
  afterAll(async () => {
    await listening.close();
    await server.close();
    await gateway.close();
  });
  const policy = () => ({ policy: gateway.engine.policy });

  it("from app code: by request_id, credited to the served mode once, duplicates not counted", async () => {
    const state = await gateway.invoke({ input: ticket, deployment, mode: "compressed" }, { threadId: "feedback-app" });
    const requestId = state.output?.request_id;
    expect(requestId).toEqual(expect.any(String));
    const before = policy().policy.estimatedCorrectness(deployment, "compressed");
    const receipt = await gateway.feedback({ request_id: requestId, correct: false });
    expect(receipt).toMatchObject({ request_id: requestId, deployment, mode: "compressed", score: 0, duplicate: false });
    const after = policy().policy.estimatedCorrectness(deployment, "compressed");
    expect(after).toBeLessThan(before);
    expect(policy().policy.statisticsOf(deployment, "compressed")?.feedbackCount).toBe(1);
    // The same verdict again, and again by thread id: the request already has feedback, nothing moves.
    expect(await gateway.feedback({ request_id: requestId, correct: false })).toMatchObject({ duplicate: true });
    expect(await gateway.feedback({ thread_id: "feedback-app", score: 0 })).toMatchObject({ duplicate: true, request_id: requestId });
    expect(policy().policy.statisticsOf(deployment, "compressed")?.feedbackCount).toBe(1);
    expect(policy().policy.estimatedCorrectness(deployment, "compressed")).toBe(after);
  });

  it("from app code: a malformed verdict or an unknown request is a typed error naming the field", async () => {
    await expect(gateway.feedback({ request_id: "x", correct: true, score: 1 })).rejects.toBeInstanceOf(FeedbackInvalidError);
    await expect(gateway.feedback({ correct: true })).rejects.toThrow(/exactly one of request_id, run_id, thread_id/);
    await expect(gateway.feedback({ request_id: "x", score: 2 })).rejects.toThrow(/score/);
    const unknown = await gateway.feedback({ request_id: "no-such-request", correct: true }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(UnknownRequestError);
    expect(unknown).toMatchObject({ field: "request_id", value: "no-such-request" });
  });

  it("over HTTP: POST /feedback by run_id resolves the run's (deployment, mode) from the server's record, not the body", async () => {
    const thread = await client.threads.create();
    await client.runs.wait(thread.thread_id, "gateway", { input: { request: { input: ticket, deployment, mode: "reconstruct" } } });
    const [run] = await client.runs.list(thread.thread_id);
    const post = (body: unknown) => fetch(`${listening.url}/feedback`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    // A caller cannot redirect the verdict: deployment and mode are not accepted in the body at all.
    const spoofed = await post({ run_id: run!.run_id, correct: true, deployment: "gemini-2.5-flash", mode: "emit" });
    expect(spoofed.status).toBe(422);
    const response = await post({ run_id: run!.run_id, correct: true });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ deployment, mode: "reconstruct", score: 1, duplicate: false });
    const again = await post({ run_id: run!.run_id, score: 1 });
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(policy().policy.statisticsOf(deployment, "reconstruct")?.feedbackCount).toBe(1);
  });

  it("over HTTP: an unknown id is a 404 with a clear error; a malformed body a 422 naming the field", async () => {
    const post = (body: unknown) => fetch(`${listening.url}/feedback`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const missing = await post({ run_id: "no-such-run", correct: false });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not_found", message: expect.stringMatching(/no answered request with run_id "no-such-run"/) });
    const malformed = await post({ request_id: "x", correct: "yes" });
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({ field: "correct" });
  });
});
