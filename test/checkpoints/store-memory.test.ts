import { describe } from "vitest";
import { InMemoryStore } from "@langchain/langgraph-checkpoint";
import { describeStoreCases } from "./store-cases.ts";

// The reference implementation of BaseStore runs the shared cases too, so a case that only ours passes is visible.
describe("InMemoryStore (reference)", () => {
  describeStoreCases("memory", { openStore: async () => new InMemoryStore() });
});
