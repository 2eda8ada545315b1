import { HumanMessage, AIMessage } from "@langchain/core/messages";
import { InMemoryStore, type Item, type Operation, type OperationResults } from "@langchain/langgraph-checkpoint";
import { describe, expect, it } from "vitest";
import { extractFacts, factHistoryOf, factsNamespace, FactUserIdError, keywordsOf, MAX_POSTINGS_READ, recallFacts, rememberFacts, slotOf } from "../../../src/memory/index.ts";

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
    expect(keywordsOf("I prefer PostgreSQL 16 for billing.")).toEqual(["postgr", "16", "bill"]);
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
    // The common keyword's newest facts come with its count item: no postings search at all.
    expect(store.itemsRead).toBeLessThan(60);
    expect(store.itemsRead).toBeLessThan(MAX_POSTINGS_READ);
  });

  it("stores any statement about the user, not questions, requests or pleasantries", () => {
    const facts = extractFacts([
      new HumanMessage("My daughter is called Ilse. I moved to Porto last spring! Thanks, that helps. Can you check my invoice? Please send it again."),
      new HumanMessage("I'm allergic to peanuts.\nMy budget is 3,500 euros a month. I have a question about refunds. The sky is blue."),
    ]);
    expect(facts.map((fact) => fact.text)).toEqual(["My daughter is called Ilse.", "I moved to Porto last spring!", "I'm allergic to peanuts.", "My budget is 3,500 euros a month."]);
    expect(facts.map((fact) => fact.slot)).toEqual(["my daughter", "home", undefined, "my budget"]);
    expect(slotOf("My new budget is now €4,000.")).toBe("my budget");
  });

  it("supersedes an updated fact and keeps its history; recall gives the current value", async () => {
    const store = new InMemoryStore();
    let clock = 0;
    const tick = () => (clock += 1);
    await rememberFacts(store, "ada", extractFacts([new HumanMessage("I live in Lisbon near the river.")]), { now: tick, threadId: "t1" });
    await rememberFacts(store, "ada", extractFacts([new HumanMessage("I moved to Porto last spring.")]), { now: tick, threadId: "t2" });
    const recalled = await recallFacts(store, "ada", "Where do I live these days?", { limit: 3 });
    expect(recalled.map((fact) => fact.text)).toEqual(["I moved to Porto last spring."]);
    const history = await factHistoryOf(store, "ada", "home");
    expect(history.map((version) => [version.text, version.current])).toEqual([
      ["I live in Lisbon near the river.", false],
      ["I moved to Porto last spring.", true],
    ]);
    expect(history[0]?.superseded_at).toBe(history[1]?.created_at);
    // Saying the old value again makes it current again.
    await rememberFacts(store, "ada", extractFacts([new HumanMessage("I live in Lisbon near the river.")]), { now: tick });
    expect((await factHistoryOf(store, "ada", "home")).map((version) => version.current)).toEqual([false, true]);
    expect((await recallFacts(store, "ada", "Where do I live?", { limit: 3 })).map((fact) => fact.text)).toEqual(["I live in Lisbon near the river."]);
  });

  it("ranks equally relevant facts newest first", async () => {
    const store = new InMemoryStore();
    let clock = 0;
    await rememberFacts(store, "ada", extractFacts([new HumanMessage("I prefer invoices as PDF.")]), { now: () => (clock += 1) });
    await rememberFacts(store, "ada", extractFacts([new HumanMessage("I prefer invoices as CSV.")]), { now: () => (clock += 1) });
    const recalled = await recallFacts(store, "ada", "invoices", { limit: 2 });
    expect(recalled.map((fact) => fact.text)).toEqual(["I prefer invoices as CSV.", "I prefer invoices as PDF."]);
  });

  it("applies the guard before storing: redacted, or not stored", async () => {
    const store = new InMemoryStore();
    const guard = (text: string) => (text.includes("4111") ? undefined : text.replace(/\S+@\S+/g, "[REDACTED:email]"));
    const stored = await rememberFacts(store, "ada", extractFacts([new HumanMessage("My email is ada@example.com today. My card is 4111 1111 1111 1111 anyway.")]), { now, guard });
    expect(stored).toBe(1);
    const items = await store.search(factsNamespace("ada"), { limit: 10 });
    expect(items.map((item) => item.value.text)).toEqual(["My email is [REDACTED:email] today."]);
  });

  it("refuses a user id that cannot key a namespace, naming the field", () => {
    expect(() => factsNamespace("a.b")).toThrow(FactUserIdError);
    expect(() => factsNamespace("")).toThrow(/memory\.user_id/);
  });
});
