import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../checkpoints/index.ts";
import { AssistantTable, type AssistantRecord } from "../../../src/server/assistant-table.ts";

const record = (version: number, name: string): AssistantRecord => ({ assistant_id: "a-1", graph_id: "echo", config: {}, context: {}, metadata: { v: version }, created_at: "2026-12-06T00:00:00.000Z", updated_at: "2026-12-06T00:00:00.000Z", version, name, description: null });

describe("AssistantTable", () => {
  it("reads a row again after another table object on the same database changed it (the parse is kept per row text)", () => {
    const database = openDatabase(":memory:");
    const here = new AssistantTable(database);
    const elsewhere = new AssistantTable(database);
    here.save(record(1, "first"));
    const first = here.get("a-1");
    expect(first?.name).toBe("first");
    // Unchanged text: the same parsed record, no second parse.
    expect(here.get("a-1")).toBe(first);
    elsewhere.save(record(2, "second"));
    expect(here.get("a-1")).toMatchObject({ name: "second", version: 2, metadata: { v: 2 } });
    elsewhere.delete("a-1");
    expect(here.get("a-1")).toBeUndefined();
  });

  it("still refuses a malformed row", () => {
    const database = openDatabase(":memory:");
    const table = new AssistantTable(database);
    database.prepare("INSERT INTO server_assistants (assistant_id, record) VALUES (?, ?)").run("bad", JSON.stringify({ assistant_id: "bad" }));
    expect(() => table.get("bad")).toThrow(/malformed/);
  });
});
