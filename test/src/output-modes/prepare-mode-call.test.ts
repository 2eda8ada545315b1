import { describe, expect, it } from "vitest";
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import { encodePositional } from "../../../src/output-modes/positional-codec.ts";
import { prepareModeCall } from "../../../src/output-modes/prepare-mode-call.ts";
import { COMPRESSED_MARKER, RECONSTRUCT_MARKER, extractSchemaBlock, markedMode } from "../../../src/output-modes/protocol.ts";
import { structureOutput } from "../../../src/output-modes/structure-output.ts";
import { parseShapeNotation } from "../../../src/output-modes/shape-notation-parse.ts";
import type { JsonSchema } from "../../../src/output-modes/json-schema.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";
import { ScriptedChatModel, type ScriptedReply } from "../../support/scripted-chat-model.ts";

const gold = {
  category: "shipping",
  priority: "medium",
  sentiment: "neutral",
  entities: [{ name: "Acme Parcel", type: "organization" }],
  action: "investigate",
  amount: null,
};
const ticket = new HumanMessage("My parcel from Acme Parcel has not moved for a week. Can you check?");

async function run(prepared: ReturnType<typeof prepareModeCall>): Promise<AIMessage> {
  const messages: BaseMessage[] = prepared.systemPrompt === undefined ? [ticket] : [new SystemMessage(prepared.systemPrompt), ticket];
  return prepared.runnable.invoke(messages);
}

function setup(replies: ScriptedReply[], provider: "openai" | "google-genai" | "ollama", mode: "emit" | "compressed" | "reconstruct", emitMethod?: "jsonSchema" | "functionCalling") {
  const model = new ScriptedChatModel(replies);
  const prepared = prepareModeCall({ model, provider, mode, schema: ticketExtractionSchema, schemaName: "ticket extraction", ...(emitMethod ? { emitMethod } : {}) });
  return { model, prepared };
}

describe("prepareModeCall + structureOutput, end to end on a scripted model", () => {
  it("emit on openai binds a strict json_schema response_format and reads the content", async () => {
    const { model, prepared } = setup([JSON.stringify(gold)], "openai", "emit");
    const reply = await run(prepared);
    expect(prepared.systemPrompt).toBeUndefined();
    const format = model.calls[0]?.options.response_format as { type: string; json_schema: { name: string; strict: boolean; schema: JsonSchema } };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("ticket_extraction");
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.additionalProperties).toBe(false);
    expect(structureOutput(reply, "emit", ticketExtractionSchema, prepared.jsonSchema)).toMatchObject({ ok: true, value: gold, repaired: false });
  });

  it("emit with functionCalling forces the one tool and reads its arguments", async () => {
    const toolReply = new AIMessage({ content: "", tool_calls: [{ name: "ticket_extraction", args: gold, id: "call_1" }] });
    const { model, prepared } = setup([toolReply], "openai", "emit", "functionCalling");
    const reply = await run(prepared);
    const options = model.calls[0]?.options as { tools: Array<{ function: { name: string; parameters: JsonSchema } }>; tool_choice: unknown };
    expect(options.tools[0]?.function.name).toBe("ticket_extraction");
    expect(options.tools[0]?.function.parameters.required).toHaveLength(6);
    expect(options.tool_choice).toEqual({ type: "function", function: { name: "ticket_extraction" } });
    expect(structureOutput(reply, "emit", ticketExtractionSchema, prepared.jsonSchema)).toMatchObject({ ok: true, value: gold });
  });

  it("emit on google-genai binds responseSchema in Gemini's subset and tolerates a fenced answer", async () => {
    const { model, prepared } = setup(["```json\n" + JSON.stringify(gold) + "\n```"], "google-genai", "emit");
    const reply = await run(prepared);
    const responseSchema = model.calls[0]?.options.responseSchema as JsonSchema;
    expect(JSON.stringify(responseSchema)).not.toContain("additionalProperties");
    expect((responseSchema.properties as Record<string, JsonSchema>).amount).toMatchObject({ type: "number", nullable: true });
    expect(structureOutput(reply, "emit", ticketExtractionSchema, prepared.jsonSchema)).toMatchObject({ ok: true, value: gold, repaired: true });
  });

  it("emit on ollama binds format = the JSON schema", async () => {
    const { model, prepared } = setup([JSON.stringify(gold)], "ollama", "emit");
    const reply = await run(prepared);
    expect((model.calls[0]?.options.format as JsonSchema).type).toBe("object");
    expect(structureOutput(reply, "emit", ticketExtractionSchema, prepared.jsonSchema)).toMatchObject({ ok: true, value: gold });
  });

  it("compressed puts the marker and the schema once, in the compact notation, and decodes the positions", async () => {
    const { model, prepared } = setup([], "google-genai", "compressed");
    expect(extractSchemaBlock(prepared.systemPrompt ?? "")).toBeUndefined();
    const schema = parseShapeNotation(prepared.systemPrompt ?? "", COMPRESSED_MARKER);
    // The notation a model reads encodes an answer exactly as the engine's own schema decodes it.
    expect(encodePositional(schema as JsonSchema, gold)).toEqual(encodePositional(prepared.jsonSchema, gold));
    // What a model following the prompt sends back: the positional encoding of its answer.
    const scripted = new ScriptedChatModel([JSON.stringify(encodePositional(schema as JsonSchema, gold))]);
    const reply = await run({ ...prepared, runnable: scripted });
    const system = scripted.calls[0]?.messages[0];
    expect(system?.getType()).toBe("system");
    expect(markedMode(String(system?.content))).toBe("compressed");
    expect(String(system?.content)).toContain(COMPRESSED_MARKER);
    expect(Object.keys(scripted.calls[0]?.options ?? {})).not.toContain("response_format");
    expect(structureOutput(reply, "compressed", ticketExtractionSchema, prepared.jsonSchema)).toMatchObject({ ok: true, value: gold, repaired: false });
    expect(model.calls).toHaveLength(0);
  });

  it("reconstruct asks for key: value lines and rebuilds the object", async () => {
    const answer = "category: Shipping\npriority: medium\nsentiment: neutral\nentities: [{\"name\": \"Acme Parcel\", \"type\": \"organization\"}]\naction: investigate\namount: none";
    const { model, prepared } = setup([answer], "ollama", "reconstruct");
    expect(prepared.systemPrompt).toContain(RECONSTRUCT_MARKER);
    expect(prepared.systemPrompt).toMatch(/amount: number\|null/);
    const reply = await run(prepared);
    expect(model.calls[0]?.messages[0]?.getType()).toBe("system");
    expect(structureOutput(reply, "reconstruct", ticketExtractionSchema, prepared.jsonSchema)).toMatchObject({ ok: true, value: gold, repaired: true });
  });

  it("the scripted model refuses a call past its script and reports leftovers", async () => {
    const { model, prepared } = setup([JSON.stringify(gold), "unused"], "openai", "emit");
    await run(prepared);
    expect(model.leftovers()).toEqual(["unused"]);
    const exhausted = new ScriptedChatModel([]);
    await expect(exhausted.invoke([ticket])).rejects.toThrow(/no scripted reply/);
  });

  it("compressed prompt lists every position in schema order, nested ones included", () => {
    const { prepared } = setup([], "openai", "compressed");
    const prompt = prepared.systemPrompt ?? "";
    const order = ["\ncategory:", "\npriority:", "\nsentiment:", "\nentities:", "[name:", "type:", "\naction:", "\namount:"].map((text) => prompt.indexOf(text));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((left, right) => left - right)).toEqual(order);
  });

  it("refuses a recursive schema for emit before any call, naming the path", () => {
    const tree: z.ZodType = z.object({ label: z.string(), children: z.array(z.lazy(() => tree)) });
    const model = new ScriptedChatModel([]);
    expect(() => prepareModeCall({ model, provider: "openai", mode: "emit", schema: tree, schemaName: "tree" })).toThrow(/children\[\]/);
    expect(model.calls).toHaveLength(0);
  });
});
