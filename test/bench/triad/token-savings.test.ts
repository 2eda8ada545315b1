import { describe, expect, it } from "vitest";
import { toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";
import { tokenSavings } from "../../../bench/triad/token-savings.ts";
import { ticketExtractionSchema } from "../../../src/workload/schema.ts";

const answers = [
  { category: "billing", priority: "high", sentiment: "negative", entities: [{ name: "Dana", type: "person" }, { name: "ORD-1234", type: "order_id" }], action: "refund", amount: 42.5 },
  { category: "technical", priority: "urgent", sentiment: "negative", entities: [{ name: "Router X2", type: "product" }], action: "escalate", amount: null },
  { category: "feedback", priority: "low", sentiment: "positive", entities: [], action: "close", amount: null },
];

describe("tokenSavings", () => {
  it("counts o200k tokens offline and shows the positional encoding is shorter", () => {
    const savings = tokenSavings(toJsonSchema(ticketExtractionSchema), answers);
    expect(savings.jsonTokens).toBeGreaterThan(savings.compressedTokens);
    expect(savings.ratio).toBeCloseTo(savings.compressedTokens / savings.jsonTokens, 10);
    expect(savings.ratio).toBeLessThan(0.75);
  });

  it("reports a ratio of 1 for no answers", () => {
    expect(tokenSavings(toJsonSchema(ticketExtractionSchema), [])).toEqual({ jsonTokens: 0, compressedTokens: 0, ratio: 1 });
  });
});
