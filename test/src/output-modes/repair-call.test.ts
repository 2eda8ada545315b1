import { describe, expect, it } from "vitest";
import { AIMessage } from "@langchain/core/messages";
import { repairCall } from "../../../src/output-modes/repair-call.ts";
import { structureOutput, type StructureResult } from "../../../src/output-modes/structure-output.ts";
import { toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";
import { ScriptedChatModel } from "../../support/scripted-chat-model.ts";

const jsonSchema = toJsonSchema(ticketExtractionSchema);
const gold = { category: "billing", priority: "high", sentiment: "negative", entities: [{ name: "ORD-7", type: "order_id" }], action: "refund", amount: 42 };

/** A reconstruct answer local repair cannot save: the category is not one of the enum's values. */
function brokenAnswer(): Extract<StructureResult, { ok: false }> {
  const raw = ["category: money stuff", "priority: high", "sentiment: negative", `entities: ${JSON.stringify(gold.entities)}`, "action: refund", "amount: 42"].join("\n");
  const result = structureOutput(new AIMessage(raw), "reconstruct", ticketExtractionSchema, jsonSchema);
  if (result.ok) throw new Error("the fixture was meant to fail locally");
  return result;
}

describe("repairCall", () => {
  it("sends the broken answer, the problem and the schema in one call, and structures the corrected JSON", async () => {
    const failed = brokenAnswer();
    const model = new ScriptedChatModel([new AIMessage({ content: JSON.stringify(gold), usage_metadata: { input_tokens: 310, output_tokens: 40, total_tokens: 350 } })]);
    const { result, called, inputTokens, outputTokens } = await repairCall({ model, failed, schema: ticketExtractionSchema, jsonSchema });
    expect(called).toBe(true);
    expect(result).toMatchObject({ ok: true, value: gold, repaired: true });
    expect([inputTokens, outputTokens]).toEqual([310, 40]);
    expect(model.calls).toHaveLength(1);
    const prompt = String(model.calls[0]?.messages[0]?.content);
    expect(prompt).toContain("category: money stuff");
    expect(prompt).toContain(failed.message);
    expect(prompt).toContain('"refund"');
    expect(model.leftovers()).toEqual([]);
  });

  it("a repair that is still wrong comes back as a schema failure, not a throw", async () => {
    const model = new ScriptedChatModel([JSON.stringify({ ...gold, category: "money stuff" })]);
    const { result } = await repairCall({ model, failed: brokenAnswer(), schema: ticketExtractionSchema });
    expect(result).toMatchObject({ ok: false, failure: "schema" });
  });

  it("an empty answer is not worth a call", async () => {
    const model = new ScriptedChatModel([]);
    const empty = structureOutput(new AIMessage(""), "emit", ticketExtractionSchema, jsonSchema);
    if (empty.ok) throw new Error("unreachable");
    const { result, called } = await repairCall({ model, failed: empty, schema: ticketExtractionSchema });
    expect(called).toBe(false);
    expect(result).toBe(empty);
    expect(model.calls).toHaveLength(0);
  });

  it("a transport error is thrown for the router to classify", async () => {
    const model = new ScriptedChatModel([new Error("503 unavailable")]);
    await expect(repairCall({ model, failed: brokenAnswer(), schema: ticketExtractionSchema })).rejects.toThrow("503");
  });
});
