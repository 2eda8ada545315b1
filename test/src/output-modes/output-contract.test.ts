import { describe, expect, it } from "vitest";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { JsonSchema } from "../../../src/output-modes/json-schema.ts";
import { compactSchema, contractCallOptions, outputContractSchema, relaxSchema } from "../../../src/output-modes/index.ts";
import { prepareModeCall } from "../../../src/output-modes/prepare-mode-call.ts";
import { extractSchemaBlock } from "../../../src/output-modes/protocol.ts";
import { toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";
import { ScriptedChatModel } from "../../support/scripted-chat-model.ts";

const ticket = new HumanMessage("My parcel has not moved for a week.");
const gold = { category: "shipping", priority: "medium", sentiment: "neutral", entities: [], action: "investigate", amount: null };

function hasKeyword(schema: unknown, keyword: string): boolean {
  if (Array.isArray(schema)) return schema.some((entry) => hasKeyword(entry, keyword));
  if (typeof schema !== "object" || schema === null) return false;
  return Object.entries(schema).some(([key, value]) => key === keyword || hasKeyword(value, keyword));
}

describe("output contract", () => {
  it("relaxSchema keeps names, order and types but drops enums, required, strictness and null branches", () => {
    const relaxed = relaxSchema(toJsonSchema(ticketExtractionSchema));
    expect(Object.keys(relaxed.properties ?? {})).toEqual(["category", "priority", "sentiment", "entities", "action", "amount"]);
    expect(relaxed.properties?.category).toMatchObject({ type: "string" });
    expect(relaxed.properties?.amount?.type).toBe("number");
    expect(relaxed.properties?.entities?.items?.properties?.type?.type).toBe("string");
    for (const keyword of ["enum", "required", "additionalProperties"]) expect(hasKeyword(relaxed, keyword)).toBe(false);
  });

  it("compactSchema drops descriptions and titles only", () => {
    const schema: JsonSchema = { type: "object", title: "T", properties: { a: { type: "string", description: "long words", enum: ["x"] } }, required: ["a"] };
    expect(compactSchema(schema)).toEqual({ type: "object", properties: { a: { type: "string", enum: ["x"] } }, required: ["a"] });
  });

  it("maps a request's output_contract to prepareModeCall options and refuses unknown keys", () => {
    expect(contractCallOptions(undefined)).toEqual({});
    expect(contractCallOptions({ emit_method: "tool", schema_constraint: false, compact: true })).toEqual({ emitMethod: "functionCalling", schemaConstraint: false, compactContract: true });
    expect(outputContractSchema.safeParse({ emit_method: "grammar" }).success).toBe(false);
    expect(outputContractSchema.safeParse({ compress: true }).success).toBe(false);
  });

  it("schema constraint off sends OpenAI a non-strict schema without enums; answers are still checked against the full schema", async () => {
    const model = new ScriptedChatModel([JSON.stringify(gold)]);
    const prepared = prepareModeCall({ model, provider: "openai", mode: "emit", schema: ticketExtractionSchema, schemaName: "ticket", schemaConstraint: false });
    await prepared.runnable.invoke([ticket]);
    const format = model.calls[0]?.options.response_format as { json_schema: { strict: boolean; schema: JsonSchema } };
    expect(format.json_schema.strict).toBe(false);
    expect(hasKeyword(format.json_schema.schema, "enum")).toBe(false);
    expect(hasKeyword(prepared.jsonSchema, "enum")).toBe(true);
  });

  it("a compact contract leaves descriptions out of the compressed prompt and its schema block", () => {
    const model = new ScriptedChatModel([]);
    const full = prepareModeCall({ model, provider: "ollama", mode: "compressed", schema: ticketExtractionSchema, schemaName: "ticket" });
    const compact = prepareModeCall({ model, provider: "ollama", mode: "compressed", schema: ticketExtractionSchema, schemaName: "ticket", compactContract: true });
    expect(full.systemPrompt).toContain("the ticket's topic");
    expect(compact.systemPrompt).not.toContain("the ticket's topic");
    expect((compact.systemPrompt ?? "").length).toBeLessThan((full.systemPrompt ?? "").length);
    expect(hasKeyword(extractSchemaBlock(compact.systemPrompt ?? ""), "description")).toBe(false);
    expect(new SystemMessage(compact.systemPrompt ?? "").content).toContain("[switchyard:compressed]");
  });

  it("emit-tool with the constraint off offers a non-strict tool", async () => {
    const model = new ScriptedChatModel(["{}"]);
    const prepared = prepareModeCall({ model, provider: "openai", mode: "emit", schema: ticketExtractionSchema, schemaName: "ticket", emitMethod: "functionCalling", schemaConstraint: false });
    await prepared.runnable.invoke([ticket]);
    expect(model.calls[0]?.options.strict).toBe(false);
  });
});
