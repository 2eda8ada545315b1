import { HumanMessage, AIMessage } from "@langchain/core/messages";
import { InMemoryStore, type Item, type Operation, type OperationResults } from "@langchain/langgraph-checkpoint";
import { describe, expect, it } from "vitest";
import { extractFacts, factsNamespace, keywordsOf, MAX_POSTINGS_READ, recallFacts, rememberFacts } from "../../../src/memory/index.ts";

/** An InMemoryStore that counts the items its reads return, to show recall's work is bounded. */
class CountingStore extends InMemoryStore {
  itemsRead = 0;
  bytesRead = 0;
  override async batch<Op extends readonly Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    const results = await super.batch(operations);
    this.bytesRead += JSON.stringify(results).length;
    for (const result of results as unknown[]) {
      if (Array.isArray(result)) this.itemsRead += result.length;
      else if (result !== null && typeof result === "object" && "key" in (result as Item)) this.itemsRead += 1;
    }
    return results;
  }
}

describe("cross-session facts", () => {
  const now = () => 42;

  it("extracts the user's decisions, preferences, specifications and pending actions, not the model's", () => {
    const facts = extractFacts([
      new HumanMessage("Hi! I prefer answers in French. The weather is nice. We decided to deploy on Tuesday."),
      new AIMessage("I prefer to answer in English."),
    ]);
    expect(facts.map((fact) => fact.text)).toEqual(["I prefer answers in French.", "We decided to deploy on Tuesday."]);
    expect(keywordsOf("I prefer PostgreSQL 16 for billing.")).toEqual(["postgresql", "16", "billing"]);
  });

  it("recalls a user's fact by keyword, and never another user's", async () => {
    const store = new InMemoryStore();
    await rememberFacts(store, "ada", extractFacts([new HumanMessage("I prefer invoices in EUR. We decided the ledger runs on PostgreSQL 16.")]), { now, threadId: "t1" });
    await rememberFacts(store, "bob", extractFacts([new HumanMessage("I prefer invoices in USD.")]), { now, threadId: "t9" });
    const recalled = await recallFacts(store, "ada", "Which currency should my invoices use?", { limit: 3 });
    expect(recalled[0]).toMatchObject({ text: "I prefer invoices in EUR.", thread_id: "t1" });
    expect(recalled.some((fact) => fact.text.includes("USD"))).toBe(false);
    expect(await recallFacts(store, "carol", "invoices", { limit: 3 })).toEqual([]);
  });

  it("stores a fact once, however often it is said", async () => {
    const store = new InMemoryStore();
    const facts = extractFacts([new HumanMessage("I prefer dark mode.")]);
    expect(await rememberFacts(store, "ada", facts, { now })).toBe(1);
    expect(await rememberFacts(store, "ada", extractFacts([new HumanMessage("i prefer  DARK mode.")]), { now })).toBe(0);
    expect(await store.search(factsNamespace("ada"), { limit: 10 })).toHaveLength(1);
  });

  it("falls back to the latest preferences when nothing matches", async () => {
    const store = new InMemoryStore();
    await rememberFacts(store, "ada", extractFacts([new HumanMessage("I prefer short answers. We decided on Friday releases.")]), { now });
    const recalled = await recallFacts(store, "ada", "hello", { limit: 5 });
    expect(recalled.map((fact) => fact.text)).toEqual(["I prefer short answers."]);
  });

  it("reads a bounded number of items however common the query's words are", async () => {
    const store = new CountingStore();
    const topics = ["invoices", "ledger", "exports", "refunds"];
    const said = Array.from({ length: 1_200 }, (_, index) => new HumanMessage(`I prefer ${topics[index % 4]} for client ${index} in format v${index % 7}.`));
    await rememberFacts(store, "ada", extractFacts(said), { now });
    await rememberFacts(store, "bob", extractFacts([new HumanMessage("I prefer invoices for client 515 in format v9.")]), { now });
    store.itemsRead = 0;
    store.bytesRead = 0;
    const recalled = await recallFacts(store, "ada", "Which format does client 515 prefer for refunds?", { limit: 3 });
    expect(recalled[0]?.text).toBe("I prefer refunds for client 515 in format v4.");
    expect(recalled.some((fact) => fact.text.includes("v9"))).toBe(false);
    // Keyword counts, the postings of the rare keyword, the candidate facts: not the 1,200 facts or their postings.
    expect(store.itemsRead).toBeLessThan(60);
    expect(store.bytesRead).toBeLessThan(6_000);

    store.itemsRead = 0;
    const common = await recallFacts(store, "ada", "Which format for refunds?", { limit: 3 });
    expect(common).toHaveLength(3);
    expect(common.every((fact) => fact.text.includes("refunds") && fact.text.includes("format"))).toBe(true);
    expect(store.itemsRead).toBeLessThanOrEqual(MAX_POSTINGS_READ + 60);
  });
});
