import { describe, expect, it } from "vitest";
import { z } from "zod";
import { modePrompt } from "../../../src/output-modes/mode-prompt.ts";
import { toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";
import { encodePositional } from "../../../src/output-modes/positional-codec.ts";
import { COMPRESSED_MARKER, RECONSTRUCT_MARKER } from "../../../src/output-modes/protocol.ts";
import { parseShapeNotation, shapeLines } from "../../../src/output-modes/shape-notation.ts";

type Tree = { name: string; children: Tree[] };
const tree: z.ZodType<Tree> = z.object({ name: z.string(), get children() { return z.array(tree); } });

describe("the compact schema notation", () => {
  it("writes one line per field: lists, nested objects, enums, formats, optional and nullable fields", () => {
    const schema = z.object({ tags: z.array(z.string()), who: z.object({ email: z.email() }), level: z.enum(["low", "high"]), note: z.string().optional(), n: z.int().nullable(), scores: z.record(z.string(), z.number()) });
    expect(shapeLines(toJsonSchema(schema))).toEqual([
      "tags: [string, ...]",
      "who: [email: string(email)]",
      'level: "low"|"high"',
      "note?: string",
      "n: integer|null",
      "scores: {string: number}",
    ]);
  });

  it("names recursion, tags same-shaped union branches, and reads all of it back to the same encoding", () => {
    const shapes = z.object({ root: tree, shape: z.union([z.object({ r: z.number() }), z.object({ side: z.number() })]).nullable() });
    const prompt = modePrompt("compressed", toJsonSchema(shapes));
    expect(prompt).toMatch(/type (\w+) = \[name: string, children: \[\1, \.\.\.\]\]\nroot: \1\n/);
    expect(prompt).toMatch(/#1 \[r: number\]\|#2 \[side: number\]\|null/);
    expect(prompt).toContain("`#n [...]` means write [n, ...]");
    const stated = parseShapeNotation(prompt, COMPRESSED_MARKER);
    const value = { root: { name: "a", children: [{ name: "b", children: [] }] }, shape: { side: 2 } };
    expect(encodePositional(stated ?? {}, value)).toEqual(encodePositional(toJsonSchema(shapes), value));
    expect(encodePositional(toJsonSchema(shapes), value)).toEqual([["a", [["b", []]]], [2, 2]]);
  });

  it("starts with the marker and carries no JSON Schema copy", () => {
    const prompt = modePrompt("reconstruct", toJsonSchema(z.object({ a: z.string() })));
    expect(prompt.startsWith(RECONSTRUCT_MARKER)).toBe(true);
    expect(prompt).not.toContain("```schema");
  });
});
