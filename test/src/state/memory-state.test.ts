import { describe, expect, it } from "vitest";
import { MEMORY_STATE_VERSION, memoryContext, memoryStateOf } from "../../../src/memory/index.ts";

describe("persisted memory state", () => {
  it("loads a version-1 checkpoint (no version, no ledger) with the new fields defaulted", () => {
    const old = { summary_broad: "- (user) I prefer EUR.", summary_detailed: "", recalled: [], compactions: 3 };
    const state = memoryStateOf(old);
    expect(state.ledger).toEqual([]);
    expect(state.summary_blocks).toEqual([]);
    expect(memoryContext(state)).toContain("I prefer EUR.");
  });

  it("refuses a state written by a newer version, and a malformed ledger", () => {
    expect(() => memoryStateOf({ version: MEMORY_STATE_VERSION + 1 })).toThrow(/newer than this build reads.*Fix:/);
    expect(() => memoryStateOf({ ledger: [{ text: 3 }] })).toThrow();
    // A block number is a loop bound and an array length downstream: a hostile one is refused at the edge.
    expect(() => memoryStateOf({ ledger: [{ text: "My name is Alex.", score: 2, block: 1e9 }] })).toThrow(/block is above 10000.*Fix:/);
  });

  it("renders the ledger and blocks block by block, so a later block only appends", () => {
    const first = memoryStateOf({ ledger: [{ text: "My daughter is called Ilse.", score: 4, block: 0 }], summary_blocks: ["- (ai) Talked about the ferry."] });
    const second = { ...first, ledger: [...first.ledger, { text: "We fly on 14 March.", score: 3, block: 1, replaces: [] }], summary_blocks: [...first.summary_blocks, "- (ai) Talked about hotels."] };
    const before = memoryContext(first) ?? "";
    const after = memoryContext(second) ?? "";
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe("\n- We fly on 14 March.\n- (ai) Talked about hotels.");
  });

  it("hands back a state it parsed itself, and parses anything else, a copy of one included", () => {
    const parsed = memoryStateOf({ summary_broad: "- (user) I prefer EUR." });
    expect(memoryStateOf(parsed)).toBe(parsed);
    const copy = { ...parsed, version: MEMORY_STATE_VERSION + 1 };
    expect(() => memoryStateOf(copy)).toThrow(/newer than this build reads/);
    const row = JSON.parse(JSON.stringify(parsed)) as unknown;
    expect(memoryStateOf(row)).not.toBe(row);
  });
});
