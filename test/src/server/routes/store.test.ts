import { afterAll, describe, expect, it } from "vitest";
import { InMemoryStore } from "@langchain/langgraph";
import { openSqliteSaver } from "../../../../checkpoints/sqlite-saver.ts";
import { createServer } from "../../../../src/server/create-server.ts";
import { gatedGraph } from "../fixtures.ts";

const json = (method: string, body: unknown) => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("/store routes: the engine's own namespaces are out of reach", () => {
  const saver = openSqliteSaver(":memory:");
  const store = new InMemoryStore();
  const server = createServer({ graphs: { gated: { graph: gatedGraph(saver).graph } }, persistence: { checkpointer: saver, store } });
  afterAll(() => server.close());

  it("refuses to write, read or delete under switchyard.* and verification.*, naming the field and the fix", async () => {
    const attempts = [
      server.app.request("/store/items", json("PUT", { namespace: ["verification", "mdp", "support"], key: "attacker", value: { counts: {} } })),
      server.app.request("/store/items", json("PUT", { namespace: ["switchyard", "served-requests"], key: "request:r1", value: { mode: "emit" } })),
      server.app.request("/store/items?namespace=switchyard.output-modes&key=policy"),
      server.app.request("/store/items", json("DELETE", { namespace: ["switchyard", "output-modes"], key: "policy" })),
      server.app.request("/store/items/search", json("POST", { namespace_prefix: ["switchyard"] })),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      const body = (await response.json()) as { message: string; field: string };
      expect(body.message).toMatch(/reserved for switchyard's own state.*Fix: use a namespace of your own/);
      expect(["namespace", "namespace_prefix"]).toContain(body.field);
    }
  });

  it("keeps the engine's items out of an unscoped search and the namespace list, and serves the caller's own", async () => {
    await store.put(["switchyard", "served-requests"], "request:r1", { mode: "emit" });
    expect((await server.app.request("/store/items", json("PUT", { namespace: ["users", "u1"], key: "k", value: { a: 1 } }))).status).toBe(204);
    const search = (await (await server.app.request("/store/items/search", json("POST", { namespace_prefix: [] }))).json()) as { items: { namespace: string[] }[] };
    expect(search.items.map((item) => item.namespace)).toEqual([["users", "u1"]]);
    const listed = (await (await server.app.request("/store/namespaces", json("POST", {}))).json()) as { namespaces: string[][] };
    expect(listed.namespaces).toEqual([["users", "u1"]]);
  });
});
