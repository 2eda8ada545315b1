import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectedAnswerTokens, representativeAnswer } from "../../../src/output-modes/expected-answer-size.ts";
import { estimateModeCosts } from "../../../src/output-modes/mode-cost.ts";
import { toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";

const invoice = z.object({ id: z.string(), lines: z.array(z.object({ sku: z.string(), description: z.string(), quantity: z.int(), unit_price: z.number() })) });
type Tree = { name: string; children: Tree[] };
const tree: z.ZodType<Tree> = z.object({ name: z.string(), get children() { return z.array(tree); } });

describe("the cost model", () => {
  it("sizes lists by their bounds, else the expected length, and string formats by a typical value", () => {
    const schema = toJsonSchema(z.object({ emails: z.array(z.email()).min(4), when: z.iso.datetime(), tags: z.array(z.string()).max(1) }));
    expect(representativeAnswer(schema)).toEqual({ emails: Array(4).fill("maria.chen@example.com"), when: "2026-03-14T09:26:53Z", tags: ["example value"] });
    expect((representativeAnswer(toJsonSchema(invoice), { itemsPerList: 20 }) as { lines: unknown[] }).lines).toHaveLength(20);
    expect(JSON.stringify(representativeAnswer(toJsonSchema(tree)))).toMatch(/children/);
  });

  it("expects compressed to save more output the more keys repeat", () => {
    const few = expectedAnswerTokens(toJsonSchema(invoice), { itemsPerList: 1 });
    const many = expectedAnswerTokens(toJsonSchema(invoice), { itemsPerList: 20 });
    expect(few.compressed).toBeLessThan(few.emit);
    expect(many.emit - many.compressed).toBeGreaterThan(10 * (few.emit - few.compressed));
  });

  it("charges emit for the provider's schema and leaves out a mode that cannot carry it", () => {
    const price = { input_per_1m: 0.15, output_per_1m: 0.6 };
    const ticket = estimateModeCosts(toJsonSchema(ticketExtractionSchema), "openai", price);
    expect(ticket.compressed?.totalTokens).toBeLessThan(ticket.emit?.totalTokens ?? 0);
    expect(ticket.emit?.costUsd).toBeCloseTo(((ticket.emit?.inputTokens ?? 0) * 0.15 + (ticket.emit?.outputTokens ?? 0) * 0.6) / 1e6, 12);
    const recursive = estimateModeCosts(toJsonSchema(tree), "openai", price);
    expect(Object.keys(recursive).sort()).toEqual(["compressed", "reconstruct"]);
  });
});
