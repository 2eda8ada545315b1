import { describe, expect, it } from "vitest";
import { z } from "zod";
import { requestDraws } from "../../../src/emulators/request-draws.ts";
import { synthesiseValue } from "../../../src/emulators/synthesise-value.ts";
import { toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";

const contacts = z.object({
  contacts: z.array(z.object({ id: z.uuid(), email: z.email(), homepage: z.url(), born: z.iso.date(), seen: z.iso.datetime(), score: z.int().min(1).max(5), note: z.string().nullable() })),
});

describe("synthesiseValue", () => {
  it("with draws, answers like a real model: varied list lengths and values that pass the format checks", () => {
    const schema = toJsonSchema(contacts);
    const lengths = new Set<number>();
    for (let index = 0; index < 40; index += 1) {
      const value = synthesiseValue(schema, { random: requestDraws(["test", index]) });
      expect(contacts.safeParse(value).success).toBe(true);
      lengths.add((value as z.infer<typeof contacts>).contacts.length);
    }
    expect(lengths.size).toBeGreaterThanOrEqual(5);
  });

  it("is the same for the same draws, and minimal without them", () => {
    const schema = toJsonSchema(contacts);
    expect(synthesiseValue(schema, { random: requestDraws(["same"]) })).toEqual(synthesiseValue(schema, { random: requestDraws(["same"]) }));
    expect((synthesiseValue(schema) as z.infer<typeof contacts>).contacts).toHaveLength(1);
  });

  it("respects minItems and maxItems, and ends a recursion", () => {
    type Tree = { name: string; children: Tree[] };
    const tree: z.ZodType<Tree> = z.object({ name: z.string(), get children() { return z.array(tree); } });
    for (let index = 0; index < 20; index += 1) {
      expect(tree.safeParse(synthesiseValue(toJsonSchema(tree), { random: requestDraws(["tree", index]) })).success).toBe(true);
    }
    const fixed = synthesiseValue(toJsonSchema(z.object({ rows: z.array(z.int()).length(20) })), { random: requestDraws(["rows"]) });
    expect((fixed as { rows: number[] }).rows).toHaveLength(20);
  });

  it("draws realistic integers when zod writes only the safe-integer bounds (z.int().min(1) is a quantity, not 9e15)", () => {
    const schema = toJsonSchema(z.object({ quantity: z.int().min(1), offset: z.int() }));
    for (let index = 0; index < 40; index += 1) {
      const value = synthesiseValue(schema, { random: requestDraws(["quantity", index]) }) as { quantity: number; offset: number };
      expect(value.quantity).toBeGreaterThanOrEqual(1);
      expect(value.quantity).toBeLessThanOrEqual(100);
      expect(Math.abs(value.offset)).toBeLessThanOrEqual(100);
    }
  });
});
