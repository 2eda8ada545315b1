import { describe, expect, it } from "vitest";
import { AIMessage } from "@langchain/core/messages";
import { z } from "zod";
import { toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";
import type { OutputMode } from "../../../src/output-modes/protocol.ts";
import { structureOutput, type StructureFailure } from "../../../src/output-modes/structure-output.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";

const gold = {
  category: "billing",
  priority: "high",
  sentiment: "negative",
  entities: [
    { name: "Dana", type: "person" },
    { name: "ORD-1234", type: "order_id" },
  ],
  action: "refund",
  amount: 42.5,
};
const goldJson = JSON.stringify(gold);
const entitiesJson = JSON.stringify(gold.entities);
const positional = '["billing","high","negative",[["Dana","person"],["ORD-1234","order_id"]],"refund",42.5]';
const lines = (overrides: Record<string, string> = {}) =>
  Object.entries({ category: "billing", priority: "high", sentiment: "negative", entities: entitiesJson, action: "refund", amount: "42.5", ...overrides })
    .map(([key, value]) => `${key}: ${value}`)
    .join("\n");

const small = z.object({ tags: z.array(z.string()), count: z.number(), flag: z.boolean(), note: z.string().optional() });

interface Case {
  name: string;
  mode: OutputMode;
  reply: string | AIMessage;
  schema?: z.ZodType;
  expected: { value: unknown; repaired?: boolean } | { failure: StructureFailure };
}

const cases: Case[] = [
  // emit
  { name: "emit: strict JSON", mode: "emit", reply: goldJson, expected: { value: gold, repaired: false } },
  { name: "emit: fenced JSON after prose", mode: "emit", reply: `Here is the extraction:\n\`\`\`json\n${goldJson}\n\`\`\``, expected: { value: gold, repaired: true } },
  { name: "emit: trailing prose", mode: "emit", reply: `${goldJson}\n\nLet me know if you need anything else {really}.`, expected: { value: gold, repaired: true } },
  { name: "emit: trailing commas", mode: "emit", reply: goldJson.replace("]", ",]").replace(/}$/, ",}"), expected: { value: gold, repaired: true } },
  { name: "emit: single quotes", mode: "emit", reply: goldJson.replaceAll('"', "'"), expected: { value: gold, repaired: true } },
  { name: "emit: unquoted keys", mode: "emit", reply: goldJson.replace(/"(\w+)":/g, "$1:"), expected: { value: gold, repaired: true } },
  { name: "emit: truncated JSON is closed", mode: "emit", reply: goldJson.replace("42.5}", "null"), expected: { value: { ...gold, amount: null }, repaired: true } },
  { name: "emit: enum case repaired", mode: "emit", reply: goldJson.replace('"high"', '"High"').replace('"person"', '"Person"'), expected: { value: gold, repaired: true } },
  { name: "emit: number as string", mode: "emit", reply: goldJson.replace("42.5", '"42.50"'), expected: { value: gold, repaired: true } },
  { name: "emit: currency string", mode: "emit", reply: goldJson.replace("42.5", '"$42.50"'), expected: { value: gold, repaired: true } },
  { name: "emit: Python None", mode: "emit", reply: goldJson.replace("42.5", "None"), expected: { value: { ...gold, amount: null }, repaired: true } },
  { name: "emit: forced tool call", mode: "emit", reply: new AIMessage({ content: "", tool_calls: [{ name: "ticket", args: gold, id: "c1" }] }), expected: { value: gold, repaired: false } },
  {
    name: "emit: tool call with one object for an array",
    mode: "emit",
    reply: new AIMessage({ content: "", tool_calls: [{ name: "ticket", args: { ...gold, entities: gold.entities[0] }, id: "c1" }] }),
    expected: { value: { ...gold, entities: [gold.entities[0]] }, repaired: true },
  },
  { name: "emit: content blocks", mode: "emit", reply: new AIMessage({ content: [{ type: "text", text: goldJson }] }), expected: { value: gold, repaired: false } },
  { name: "emit: OpenAI null for an optional field", mode: "emit", schema: small, reply: '{"tags":["a"],"count":1,"flag":false,"note":null}', expected: { value: { tags: ["a"], count: 1, flag: false }, repaired: false } },
  { name: "emit: empty reply", mode: "emit", reply: "   ", expected: { failure: "empty" } },
  { name: "emit: refusal prose", mode: "emit", reply: "I'm sorry, I cannot help with that request.", expected: { failure: "parse" } },
  { name: "emit: missing required field", mode: "emit", reply: JSON.stringify({ ...gold, action: undefined }), expected: { failure: "schema" } },
  { name: "emit: enum value outside the schema", mode: "emit", reply: goldJson.replace('"billing"', '"invoices"'), expected: { failure: "schema" } },
  // compressed
  { name: "compressed: exact array", mode: "compressed", reply: positional, expected: { value: gold, repaired: false } },
  { name: "compressed: fenced with prose", mode: "compressed", reply: `Sure:\n\`\`\`json\n${positional}\n\`\`\`\nDone.`, expected: { value: gold, repaired: true } },
  { name: "compressed: truncated array", mode: "compressed", reply: positional.slice(0, -1), expected: { value: gold, repaired: true } },
  { name: "compressed: keyed JSON instead of positions", mode: "compressed", reply: goldJson, expected: { value: gold, repaired: true } },
  { name: "compressed: enum case and 'none'", mode: "compressed", reply: positional.replace('"high"', '"HIGH"').replace("42.5", '"none"'), expected: { value: { ...gold, amount: null }, repaired: true } },
  { name: "compressed: wrong number of positions", mode: "compressed", reply: '["billing","high","negative"]', expected: { failure: "decode" } },
  { name: "compressed: nested object with wrong arity", mode: "compressed", reply: positional.replace('["Dana","person"]', '["Dana"]'), expected: { failure: "decode" } },
  { name: "compressed: no array at all", mode: "compressed", reply: "billing, high, negative, refund", expected: { failure: "parse" } },
  { name: "compressed: empty", mode: "compressed", reply: "", expected: { failure: "empty" } },
  // reconstruct
  { name: "reconstruct: clean lines", mode: "reconstruct", reply: lines(), expected: { value: gold, repaired: false } },
  {
    name: "reconstruct: bullets, bold keys, capitals",
    mode: "reconstruct",
    reply: "- Category: Billing\n**Priority**: High\n* Sentiment: Negative\nEntities: " + entitiesJson + "\nAction: Refund\nAmount: 42.5",
    expected: { value: gold, repaired: true },
  },
  { name: "reconstruct: prose around the lines", mode: "reconstruct", reply: `Here is what I found.\n${lines()}\nNote: the customer was upset.`, expected: { value: gold, repaired: false } },
  { name: "reconstruct: 'n/a' amount", mode: "reconstruct", reply: lines({ amount: "n/a" }), expected: { value: { ...gold, amount: null }, repaired: true } },
  { name: "reconstruct: amount with currency", mode: "reconstruct", reply: lines({ amount: "42.50 USD" }), expected: { value: gold, repaired: true } },
  { name: "reconstruct: one object for the list", mode: "reconstruct", reply: lines({ entities: JSON.stringify(gold.entities[0]) }), expected: { value: { ...gold, entities: [gold.entities[0]] }, repaired: true } },
  {
    name: "reconstruct: list as '- item' lines",
    mode: "reconstruct",
    reply: lines({ entities: "" }).replace("entities: ", `entities:\n- ${JSON.stringify(gold.entities[0])}\n- ${JSON.stringify(gold.entities[1])}`),
    expected: { value: gold, repaired: false },
  },
  { name: "reconstruct: JSON spread over lines", mode: "reconstruct", reply: lines({ entities: JSON.stringify(gold.entities, null, 2) }), expected: { value: gold, repaired: false } },
  { name: "reconstruct: fenced JSON instead of lines", mode: "reconstruct", reply: "```json\n" + goldJson + "\n```", expected: { value: gold, repaired: true } },
  { name: "reconstruct: comma list and yes/no", mode: "reconstruct", schema: small, reply: "tags: red, green, blue\ncount: 3\nflag: yes", expected: { value: { tags: ["red", "green", "blue"], count: 3, flag: true }, repaired: true } },
  { name: "reconstruct: no field named", mode: "reconstruct", reply: "The ticket is about a refund for a late order.", expected: { failure: "parse" } },
  { name: "reconstruct: a field missing", mode: "reconstruct", reply: lines().replace("action: refund\n", ""), expected: { failure: "schema" } },
  { name: "reconstruct: an unknown enum value", mode: "reconstruct", reply: lines({ priority: "whenever" }), expected: { failure: "schema" } },
];

describe("structureOutput repairs or refuses broken answers", () => {
  it.each(cases)("$name", ({ mode, reply, schema, expected }) => {
    const target = schema ?? ticketExtractionSchema;
    const message = typeof reply === "string" ? new AIMessage(reply) : reply;
    const result = structureOutput(message, mode, target, toJsonSchema(target));
    if ("failure" in expected) {
      expect(result.ok ? "ok" : result.failure).toBe(expected.failure);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10);
      return;
    }
    expect(result.ok ? undefined : `${result.failure}: ${result.message}`).toBeUndefined();
    if (!result.ok) return;
    expect(result.value).toEqual(expected.value);
    if (expected.repaired !== undefined) expect(result.repaired).toBe(expected.repaired);
  });

  it("has at least 25 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it("names the schema issues on failure", () => {
    const result = structureOutput(new AIMessage(goldJson.replace('"billing"', '"invoices"')), "emit", ticketExtractionSchema, toJsonSchema(ticketExtractionSchema));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues?.[0]).toMatch(/^category:/);
  });
});
