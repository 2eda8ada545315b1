import { Role, type Message } from "@a2a-js/sdk";
import { describe, expect, it } from "vitest";
import { defaultOutcome, gatewayAdapter, messagesAdapter } from "../../../src/server/index.ts";
import { routerAdapter } from "../../../src/server/a2a-adapter.ts";

const message = (parts: Message["parts"]): Message => ({ messageId: "m", contextId: "c", taskId: "t", role: Role.ROLE_USER, parts, metadata: undefined, extensions: [], referenceTaskIds: [] });
const text = (value: string): Message["parts"][number] => ({ content: { $case: "text", value }, metadata: undefined, filename: "", mediaType: "text/plain" });
const data = (value: unknown): Message["parts"][number] => ({ content: { $case: "data", value }, metadata: undefined, filename: "", mediaType: "application/json" });
const values = (outcome: ReturnType<typeof defaultOutcome>) => outcome.parts.map((part) => part.content?.value);

describe("A2A task states from graph results", () => {
  it("a verification block is REJECTED, another failure FAILED, an error FAILED, an interrupt INPUT_REQUIRED", () => {
    const blocked = defaultOutcome({ status: "failed", error: { code: "policy_violation", message: "output blocked by policy: pii" } });
    expect(blocked.state).toBe("rejected");
    expect(values(blocked)).toEqual(["output blocked by policy: pii"]);
    expect(defaultOutcome({ status: "failed", error: { code: "no_deployment_available", message: "all cooling" } }).state).toBe("failed");
    // Nothing refused a text that could not be verified: the task failed, the caller may retry.
    expect(defaultOutcome({ status: "failed", error: { code: "verification_unavailable", message: "request of 9000 characters was not verified" } }).state).toBe("failed");
    expect(defaultOutcome({ __error__: { error: "Boom", message: "exploded" } }).state).toBe("failed");
    const asked = defaultOutcome({ __interrupt__: [{ value: { kind: "approval", question: "ok?" } }] });
    expect(asked.state).toBe("input-required");
    expect(values(asked)).toEqual([{ kind: "approval", question: "ok?" }]);
  });

  it("completes with the structured output, else the last message, else the values", () => {
    expect(values(defaultOutcome({ status: "succeeded", output: { structured: { category: "refund" } } }))).toEqual([{ category: "refund" }]);
    expect(values(defaultOutcome({ messages: [{ content: "hi" }, { content: "answer" }] }))).toEqual(["answer"]);
    expect(values(defaultOutcome({ answer: 42 }))).toEqual([{ answer: 42 }]);
  });

  it("reads text as the gateway's request input or a user message; a data part is taken as is", () => {
    expect(gatewayAdapter.input(message([text("refund ORD-1")]))).toEqual({ request: { input: "refund ORD-1" } });
    expect(gatewayAdapter.input(message([data({ input: "x", schema_id: "ticket" })]))).toEqual({ request: { input: "x", schema_id: "ticket" } });
    expect(messagesAdapter.input(message([text("hello")]))).toEqual({ messages: [{ role: "user", content: "hello" }] });
    expect(messagesAdapter.resume(message([text("ORD-7")]))).toBe("ORD-7");
  });

  it("gives the router on its own what the gateway's accept step writes: the request, the user message and a deadline", () => {
    const router = routerAdapter(() => 1_000);
    expect(router.input(message([text("route me")]))).toEqual({ request: { input: "route me" }, deadline_at: 61_000, messages: [{ role: "user", content: "route me" }] });
    expect(router.input(message([data({ request: { input: "x" }, deadline_at: 5 })]))).toEqual({ request: { input: "x" }, deadline_at: 5 });
  });
});
