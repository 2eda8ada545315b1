import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { Overwrite } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { applyUpdate, mergeUpdates, withoutIdleClears } from "../../../src/state/apply-update.ts";
import type { Attempt, GatewayStateValue } from "../../../src/state/gateway-state.ts";

const attempt = (deployment: string): Attempt => ({ deployment, mode: "emit", started_at: 0, latency_ms: 1, input_tokens: 1, output_tokens: 1, cost_usd: 0, outcome: "ok", reason: "test" });
const state: GatewayStateValue = { schema_version: 1, messages: [new HumanMessage({ id: "h", content: "hi" })], attempts: [attempt("a")], status: "pending", call: { deployment: "a", mode: "emit", reason: "r", started_at: 0, latency_ms: 1, input_tokens: 1, output_tokens: 1, cost_usd: 0 } } as GatewayStateValue;

describe("folding steps into one superstep", () => {
  it("shows the next step what the reducers would: fields replaced or cleared, attempts and messages appended", () => {
    const next = applyUpdate(state, { call: undefined, status: "succeeded", attempts: [attempt("b")], messages: [new AIMessage({ id: "ai", content: "{}" })] });
    expect(next.call).toBeUndefined();
    expect(next.status).toBe("succeeded");
    expect(next.attempts.map((item) => item.deployment)).toEqual(["a", "b"]);
    expect(next.messages.map((message) => message.id)).toEqual(["h", "ai"]);
    expect(state.attempts).toHaveLength(1);
  });

  it("returns one update with both steps' effects, appends kept in order", () => {
    const merged = mergeUpdates({ attempts: [attempt("b")], status: "pending", call: undefined }, { attempts: [attempt("c")], status: "failed" });
    expect(merged.status).toBe("failed");
    expect(merged).toHaveProperty("call", undefined);
    expect((merged.attempts as Attempt[]).map((item) => item.deployment)).toEqual(["b", "c"]);
    expect(mergeUpdates({}, {})).toEqual({});
  });

  it("starts the attempts anew after an Overwrite (accept on a reused thread), and keeps the Overwrite when merged", () => {
    const cleared = { attempts: new Overwrite([]) } as unknown as Parameters<typeof applyUpdate>[1];
    expect(applyUpdate(state, cleared).attempts).toEqual([]);
    const merged = mergeUpdates(cleared, { attempts: [attempt("b")] });
    expect(merged.attempts).toBeInstanceOf(Overwrite);
    expect(applyUpdate(state, merged).attempts.map((item) => item.deployment)).toEqual(["b"]);
    expect(mergeUpdates(cleared, { status: "pending" }).attempts).toBeInstanceOf(Overwrite);
  });

  it("leaves out a clear of a field the state never held, keeps a clear of one it holds and every value", () => {
    const fresh = { ...state, call: undefined, choice: undefined } as GatewayStateValue;
    const merged = { call: undefined, choice: undefined, status: "succeeded" as const };
    expect(withoutIdleClears(fresh, merged)).toStrictEqual({ status: "succeeded" });
    // `state` holds a call (a reused thread): clearing it is a real write.
    expect(withoutIdleClears(state, merged)).toStrictEqual({ call: undefined, status: "succeeded" });
    const untouched = { status: "failed" as const };
    expect(withoutIdleClears(fresh, untouched)).toBe(untouched);
  });
});
