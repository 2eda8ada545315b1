import { describe, expect, it } from "vitest";
import { factSlotsOf } from "../../../src/workload/conversation-facts.ts";
import { kindsOf, phrasingVariants, type ConversationKind } from "../../../src/workload/conversation-kinds.ts";

describe("the retention sets' kinds", () => {
  it.each([...phrasingVariants, "dev" as const])("%s: every kind it names has slots, and a kind of another set is refused", (variant) => {
    const kinds = kindsOf(variant);
    for (const kind of kinds) expect(factSlotsOf(kind, variant).length).toBeGreaterThan(0);
    // A set's own kind (the fourth, when it has one) is refused by the plain tables.
    const own = kinds.filter((kind): kind is ConversationKind => !["support", "coding", "travel"].includes(kind));
    for (const kind of own) if (variant !== "tuned") expect(() => factSlotsOf(kind, "tuned")).toThrow(RangeError);
  });
});
