import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SchemaUnsupportedError } from "../../../src/output-modes/schema-unsupported-error.ts";
import { normalizeSchema, toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";
import type { JsonSchema } from "../../../src/output-modes/json-schema.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";

const mixed = z.object({
  title: z.string(),
  note: z.string().optional(),
  amount: z.number().nullable(),
  level: z.enum(["low", "high"]),
  id: z.union([z.string(), z.number()]),
  email: z.string().email().default("a@b.co"),
  items: z.array(z.object({ sku: z.string(), quantity: z.int().optional() })),
});

function refusal(action: () => unknown): SchemaUnsupportedError {
  try {
    action();
  } catch (error) {
    if (error instanceof SchemaUnsupportedError) return error;
    throw error;
  }
  throw new Error("expected a SchemaUnsupportedError");
}

const recursive: z.ZodType = z.object({ name: z.string(), children: z.array(z.lazy(() => recursive)) });
const category = z.object({ label: z.string(), get subcategories(): z.ZodArray<typeof category> { return z.array(category); } });

describe("normalizeSchema openai (strict subset)", () => {
  const schema = normalizeSchema("openai", toJsonSchema(mixed));
  const properties = schema.properties as Record<string, JsonSchema>;

  it("requires every property and turns optional ones nullable", () => {
    expect(schema.required).toEqual(["title", "note", "amount", "level", "id", "email", "items"]);
    expect(properties.note).toEqual({ type: ["string", "null"] });
    expect(properties.amount?.type).toEqual(["number", "null"]);
  });

  it("closes every object, nested ones included", () => {
    expect(schema.additionalProperties).toBe(false);
    const item = properties.items?.items as JsonSchema;
    expect(item.additionalProperties).toBe(false);
    expect(item.required).toEqual(["sku", "quantity"]);
    expect((item.properties as Record<string, JsonSchema>).quantity?.type).toEqual(["integer", "null"]);
  });

  it("rewrites a multi-type union as anyOf and keeps enums", () => {
    expect(properties.id).toEqual({ anyOf: [{ type: "string" }, { type: "number" }] });
    expect(properties.level?.enum).toEqual(["low", "high"]);
  });

  it("strips unsupported keywords and reports them", () => {
    const dropped: string[] = [];
    const result = normalizeSchema("openai", toJsonSchema(mixed), { onDropped: (path, keyword) => dropped.push(`${path}:${keyword}`) });
    const email = (result.properties as Record<string, JsonSchema>).email as JsonSchema;
    expect(email.default).toBeUndefined();
    expect(email.minLength).toBeUndefined();
    expect(email.format).toBe("email");
    expect(dropped).toContain("email:default");
  });

  it("refuses recursion and names the path where it recurs", () => {
    const error = refusal(() => normalizeSchema("openai", toJsonSchema(recursive)));
    expect(error.code).toBe("schema_unsupported");
    expect(error.path).toBe("children[]");
    expect(error.message).toContain("children[]");
    const viaDefs = refusal(() => normalizeSchema("openai", toJsonSchema(z.object({ root: category }))));
    expect(viaDefs.path).toBe("root.subcategories[]");
  });

  it("inlines non-recursive $defs references", () => {
    const shared = z.object({ city: z.string() });
    const schema = toJsonSchema(z.object({ home: shared, work: shared }));
    const withRef: JsonSchema = { ...schema, $defs: { Address: schema.properties?.home as JsonSchema }, properties: { home: { $ref: "#/$defs/Address" }, work: { $ref: "#/$defs/Address" } } };
    const result = normalizeSchema("openai", withRef);
    expect(result.$defs).toBeUndefined();
    expect((result.properties as Record<string, JsonSchema>).work?.properties).toEqual({ city: { type: "string" } });
  });

  it("refuses open maps, intersections, untyped values and non-object roots", () => {
    expect(refusal(() => normalizeSchema("openai", toJsonSchema(z.object({ tags: z.record(z.string(), z.number()) })))).path).toBe("tags");
    const intersection: JsonSchema = { type: "object", properties: { both: { allOf: [{ type: "object", properties: { a: { type: "string" } } }, { type: "object", properties: { b: { type: "string" } } }] } }, required: ["both"] };
    expect(refusal(() => normalizeSchema("openai", intersection)).path).toBe("both");
    expect(refusal(() => normalizeSchema("openai", toJsonSchema(z.object({ anything: z.unknown() })))).path).toBe("anything");
    expect(refusal(() => normalizeSchema("openai", toJsonSchema(z.array(z.string())))).path).toBe("");
  });

  it("keeps the ticket schema expressible", () => {
    const ticket = normalizeSchema("openai", toJsonSchema(ticketExtractionSchema));
    expect(ticket.required).toHaveLength(6);
  });
});

describe("normalizeSchema google-genai (responseSchema subset)", () => {
  const schema = normalizeSchema("google-genai", toJsonSchema(mixed));
  const properties = schema.properties as Record<string, JsonSchema>;

  it("uses nullable instead of a null type, keeps optional fields optional", () => {
    expect(properties.amount).toEqual({ type: "number", nullable: true });
    expect(schema.required).not.toContain("note");
  });

  it("drops additionalProperties, $schema, default and unsupported formats everywhere", () => {
    const text = JSON.stringify(schema);
    expect(text).not.toContain("additionalProperties");
    expect(text).not.toContain("$schema");
    expect(text).not.toContain("default");
    expect(properties.email).toEqual({ type: "string" });
  });

  it("writes enums as strings, const as a one-value enum", () => {
    const numeric = normalizeSchema("google-genai", { type: "object", properties: { stars: { enum: [1, 2, 3, null] }, kind: { type: "string", const: "x" } } });
    const fields = numeric.properties as Record<string, JsonSchema>;
    expect(fields.stars).toEqual({ type: "string", enum: ["1", "2", "3"], nullable: true });
    expect(fields.kind).toEqual({ type: "string", enum: ["x"] });
  });

  it("keeps a union of real types as anyOf and nested arrays of objects", () => {
    expect(properties.id).toEqual({ anyOf: [{ type: "string" }, { type: "number" }] });
    expect((properties.items?.items as JsonSchema).required).toEqual(["sku"]);
  });

  it("refuses recursion and records with the path", () => {
    expect(refusal(() => normalizeSchema("google-genai", toJsonSchema(recursive))).provider).toBe("google-genai");
    expect(refusal(() => normalizeSchema("google-genai", toJsonSchema(z.object({ meta: z.record(z.string(), z.string()) })))).path).toBe("meta");
  });
});

describe("normalizeSchema ollama (format)", () => {
  it("keeps the JSON schema, closes objects, strips annotations", () => {
    const schema = normalizeSchema("ollama", toJsonSchema(mixed));
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).not.toContain("note");
    expect(JSON.stringify(schema)).not.toContain('"default"');
  });

  it("refuses recursion", () => {
    expect(refusal(() => normalizeSchema("ollama", toJsonSchema(recursive))).path).toBe("children[]");
  });
});
