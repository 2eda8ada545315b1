import { HumanMessage, AIMessage } from "@langchain/core/messages";
import { InMemoryStore } from "@langchain/langgraph-checkpoint";
import { describe, expect, it } from "vitest";
import { extractFacts, factsNamespace, keywordsOf, recallFacts, rememberFacts } from "../../../src/memory/index.ts";

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
});
