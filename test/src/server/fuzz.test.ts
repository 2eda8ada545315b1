import { afterAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../../src/workload/seeded-random.ts";
import { gatedServer } from "./fixtures.ts";

interface Target {
  method: "POST" | "PUT" | "DELETE";
  path: string;
  valid: Record<string, unknown>;
  /** Fields and values that are wrong for them. */
  bad: Record<string, unknown[]>;
}

const threadId = "00000000-0000-4000-8000-000000000001";
const wrongScalars = [42, true, { nested: 1 }, [1, 2]];

const targets: Target[] = [
  {
    method: "POST",
    path: `/threads/${threadId}/runs/wait`,
    valid: { assistant_id: "gated", input: {} },
    bad: {
      assistant_id: [42, "", false, ["gated"]],
      stream_mode: ["everything", 7, ["values", "nope"]],
      config: ["string", 3, [1]],
      command: ["resume", 9],
      multitask_strategy: ["sometimes", 1],
      interrupt_before: ["all", 5, [1]],
      metadata: ["x", [1]],
      after_seconds: [-1, "soon"],
    },
  },
  {
    method: "POST",
    path: "/runs/stream",
    valid: { assistant_id: "gated", input: {} },
    bad: { assistant_id: [null, 0], on_disconnect: ["explode"], stream_subgraphs: ["yes", 1] },
  },
  {
    method: "POST",
    path: "/threads",
    valid: { metadata: { a: 1 } },
    bad: { thread_id: ["not-a-uuid", 12, "1234"], metadata: ["meta", 5, [1]], if_exists: ["overwrite", 2] },
  },
  { method: "POST", path: "/threads/search", valid: { limit: 5 }, bad: { limit: [0, -3, "ten", 1.5, 100_000], offset: [-1, "0"], status: ["sleeping", 3] } },
  { method: "POST", path: "/assistants/search", valid: { limit: 5 }, bad: { limit: [0, "x"], graph_id: wrongScalars.filter((value) => typeof value !== "string"), metadata: ["m"] } },
  {
    method: "PUT",
    path: "/store/items",
    valid: { namespace: ["fuzz"], key: "k", value: { v: 1 } },
    bad: { namespace: [[], "fuzz", [""], ["a.b"], [1]], key: ["", 5], value: ["text", 3, [1], null] },
  },
  { method: "DELETE", path: "/store/items", valid: { namespace: ["fuzz"], key: "k" }, bad: { namespace: ["x", [2]], key: ["", null] } },
  { method: "POST", path: "/store/items/search", valid: { namespace_prefix: ["fuzz"] }, bad: { namespace_prefix: ["fuzz", [3], null], limit: [0, "many"], filter: ["f", [1]] } },
  { method: "POST", path: "/store/namespaces", valid: {}, bad: { prefix: ["p", [""]], max_depth: [0, "deep"], offset: [-5] } },
];

describe("malformed bodies", () => {
  const { server } = gatedServer();
  afterAll(() => server.close());

  it("answers 500+ seeded malformed bodies with a 4xx naming the field, and keeps serving good requests", async () => {
    const seeded = seededRandom(2024);
    const random = () => seeded.next();
    const pick = <T>(items: readonly T[]): T => seeded.pick(items);
    await server.app.request("/threads", { method: "POST", body: JSON.stringify({ thread_id: threadId }), headers: { "content-type": "application/json" } });
    let sent = 0;
    for (let index = 0; index < 540; index += 1) {
      const target = pick(targets);
      let body: string;
      let field: string;
      const roll = random();
      if (roll < 0.1) {
        body = pick(["{", "not json", '{"a":', "[1,2", "\u0000", '{"assistant_id":}']);
        field = "body";
      } else if (roll < 0.15) {
        body = JSON.stringify(pick([[], 7, "text", true]));
        field = "body";
      } else {
        field = pick(Object.keys(target.bad));
        body = JSON.stringify({ ...target.valid, [field]: pick(target.bad[field] ?? []) });
      }
      const response = await server.app.request(target.path, { method: target.method, body, headers: { "content-type": "application/json" } });
      expect(response.status, `${target.method} ${target.path} ${body}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${target.method} ${target.path} ${body}`).toBeLessThan(500);
      const answer = (await response.json()) as { message: string; field?: string };
      if (field !== "body") expect(answer.field ?? answer.message, `${target.path} ${body}`).toContain(field);
      sent += 1;
      if (index % 50 === 0) {
        const good = await server.app.request("/store/items", { method: "PUT", body: JSON.stringify({ namespace: ["fuzz", String(index)], key: "k", value: { index } }), headers: { "content-type": "application/json" } });
        expect(good.status).toBe(204);
        const back = await server.app.request(`/store/items?namespace=fuzz.${index}&key=k`);
        expect(((await back.json()) as { value: unknown }).value).toEqual({ index });
        expect((await server.app.request(`/threads/${threadId}`)).status).toBe(200);
      }
    }
    expect(sent).toBeGreaterThanOrEqual(500);
    const runs = await server.app.request(`/threads/${threadId}/runs`);
    expect(await runs.json()).toEqual([]);
  });
});
