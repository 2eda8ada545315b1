import { z } from "zod";
import { SchemaNotCarriableError, assertSchemaCarriable, carriableModes, findUncarriable } from "../../../src/output-modes/index.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";

type TreeNode = { name: string; children: TreeNode[] };
const treeSchema: z.ZodType<TreeNode> = z.object({ name: z.string(), get children() { return z.array(treeSchema); } });
const everyMode = ["emit", "compressed", "reconstruct"] as const;

function refusalOf(run: () => void): SchemaNotCarriableError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaNotCarriableError);
    return error as SchemaNotCarriableError;
  }
  throw new Error("expected the schema to be refused");
}

describe("findUncarriable", () => {
  it.each([
    ["a transform", z.object({ a: z.object({ b: z.array(z.string().transform((text) => text.length)) }) }), "a.b[]", /\.transform\(\)/],
    ["a preprocess", z.object({ a: z.preprocess((value) => String(value), z.string()) }), "a", /\.transform\(\)/],
    ["a codec", z.object({ n: z.codec(z.string(), z.number(), { decode: Number, encode: String }) }), "n", /z\.codec/],
    ["a date", z.object({ when: z.date().optional() }), "when", /a date/],
    ["a bigint in a union", z.object({ id: z.union([z.string(), z.bigint()]) }), "id<anyOf:1>", /a bigint/],
    ["z.instanceof", z.object({ file: z.instanceof(Uint8Array) }), "file", /custom type/],
    ["a Map in a record", z.object({ tags: z.record(z.string(), z.map(z.string(), z.string())) }), "tags.*", /a Map/],
  ])("finds %s with its path", (_name, schema, path, construct) => {
    const spot = findUncarriable(schema);
    expect(spot?.path).toBe(path);
    expect(spot?.construct).toMatch(construct);
  });

  it("passes JSON schemas, refinements, coercion and recursion (modes decide about recursion)", () => {
    expect(findUncarriable(ticketExtractionSchema)).toBeUndefined();
    expect(findUncarriable(z.object({ code: z.string().refine((text) => text.startsWith("ORD-")) }))).toBeUndefined();
    expect(findUncarriable(z.object({ count: z.coerce.number(), email: z.string().pipe(z.email()) }))).toBeUndefined();
    expect(findUncarriable(treeSchema)).toBeUndefined();
  });
});

describe("assertSchemaCarriable", () => {
  it("passes the bundled workload schema for every provider in every mode", () => {
    const carriers = (["openai", "google-genai", "ollama"] as const).map((provider) => ({ provider, modes: everyMode }));
    expect(() => assertSchemaCarriable("ticket", ticketExtractionSchema, carriers)).not.toThrow();
  });

  it("names the schema, the path and a fix for a transform, whatever the provider", () => {
    const error = refusalOf(() => assertSchemaCarriable("invoice", z.object({ total: z.string().transform(Number) }), []));
    expect(error).toMatchObject({ code: "schema_unsupported", schemaId: "invoice", path: "total", provider: undefined });
    expect(error.message).toMatch(/^request\.schema_id "invoice" cannot be carried: a \.transform\(\).* at schema path total\. Fix: /);
  });

  it("refuses a recursive schema only where no allowed mode can carry it, naming the pinned mode", () => {
    const pinned = refusalOf(() => assertSchemaCarriable("tree", treeSchema, [{ provider: "google-genai", modes: ["emit"] }]));
    expect(pinned).toMatchObject({ provider: "google-genai", path: "children[]" });
    expect(pinned.message).toMatch(/a recursive reference \(#\) \(in mode emit\).*or pin another mode than emit/);
    expect(() => assertSchemaCarriable("tree", treeSchema, [{ provider: "openai", modes: everyMode }])).not.toThrow();
    expect(carriableModes(treeSchema, "openai", everyMode)).toEqual(["compressed", "reconstruct"]);
  });

  it("a mode that cannot carry it is skipped, not an error, while another can; none left is a typed error naming each", () => {
    const map = z.object({ scores: z.record(z.string(), z.number()) });
    expect(() => assertSchemaCarriable("scores", map, [{ provider: "openai", modes: ["reconstruct", "emit"] }])).not.toThrow();
    expect(carriableModes(map, "openai", ["reconstruct", "emit"])).toEqual(["reconstruct"]);
    const nullish = z.object({ tree: treeSchema, note: z.string().nullish() });
    const none = refusalOf(() => assertSchemaCarriable("notes", nullish, [{ provider: "openai", modes: ["emit", "compressed"] }]));
    expect(none).toMatchObject({ provider: "openai", path: "tree.children[]" });
    expect(none.message).toMatch(/in mode emit; compressed: an optional field that is also nullable.* at note/);
  });

  it("too deep for OpenAI, or too many enum values, routes away from emit there", () => {
    let deep: z.ZodType = z.object({ leaf: z.string() });
    for (let level = 0; level < 12; level += 1) deep = z.object({ inner: deep });
    expect(carriableModes(deep, "openai", everyMode)).toEqual(["compressed", "reconstruct"]);
    const many = z.object({ sku: z.enum(Array.from({ length: 1200 }, (_, index) => `sku-${index}`) as [string, ...string[]]) });
    expect(carriableModes(many, "openai", everyMode)).toEqual(["compressed", "reconstruct"]);
    expect(carriableModes(many, "ollama", everyMode)).toEqual(everyMode);
  });
});
