/**
 * A seeded fuzz of every route with bodies that are wrong (fast-check, in process through `server.app.request`):
 * wrong types for every field, JSON that is not an object, text/plain bodies, nesting 5,000 deep, state updates of
 * the wrong shape or for nodes that do not exist, resumes of threads that are not interrupted, checkpoints that do
 * not exist. Every one must be a 4xx: never a 5xx, never a 2xx for a body that is wrong.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "../../../graphs/index.ts";
import { emulatorLauncher, quietProfile } from "../../../src/emulators/index.ts";
import { createServer, type SwitchyardServer } from "../../../src/server/index.ts";

interface Route {
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  path: (ids: Ids) => string;
  valid: Record<string, unknown>;
  /** Per field, values that are wrong for it on this route. */
  wrong: Record<string, fc.Arbitrary<unknown>>;
  /** The body sent around the (wrong) object, for routes whose body is not one object (a batch is a list). */
  wrap?: (body: Record<string, unknown>) => unknown;
}

interface Ids {
  thread: string;
  assistant: string;
}

const notObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
const notString = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notCount = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1001 }), fc.string(), fc.double({ min: 0.1, max: 0.9 }));
const notOffset = fc.oneof(fc.integer({ max: -1 }), fc.string(), fc.constant(1.5));
const notList = fc.oneof(fc.string(), fc.integer(), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const unknownId = fc.uuid({ version: 4 });
const wrongEnum = (valid: readonly string[]) => fc.oneof(fc.string().filter((text) => !valid.includes(text)), fc.integer());
/** An input the gateway graph cannot take: not an object of state keys, or a request of the wrong shape. */
const wrongInput = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.integer(),
  fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
  fc.record({ request: fc.oneof(fc.string(), fc.record({ input: fc.integer() })) }),
  fc.record({ messages: fc.oneof(fc.integer(), fc.constant([{ foo: 1 }]), fc.constant([[1, 2, 3]])) }),
);
const gatewayNodes = ["accept", "verify_request", "approve", "memory_step", "call_model", "check_output", "verify_output", "guardian", "__start__"];

const runWrong = {
  assistant_id: fc.oneof(notString, unknownId),
  input: wrongInput,
  stream_mode: fc.oneof(wrongEnum(["values", "updates", "messages", "messages-tuple", "events", "debug", "custom", "tasks", "checkpoints"]), fc.constant(["values", "nope"])),
  config: notObject,
  metadata: notObject,
  multitask_strategy: wrongEnum(["reject", "interrupt", "rollback", "enqueue"]),
  checkpoint_id: unknownId,
  interrupt_before: fc.oneof(fc.integer(), fc.constant([1])),
};
const threadRunWrong = { ...runWrong, command: fc.record({ resume: fc.jsonValue().filter((value) => value !== undefined) }) };

const routes: Route[] = [
  { method: "POST", path: (ids) => `/threads/${ids.thread}/runs/wait`, valid: { assistant_id: "gateway" }, wrong: threadRunWrong },
  { method: "POST", path: (ids) => `/threads/${ids.thread}/runs`, valid: { assistant_id: "gateway" }, wrong: threadRunWrong },
  { method: "POST", path: (ids) => `/threads/${ids.thread}/runs/stream`, valid: { assistant_id: "gateway" }, wrong: threadRunWrong },
  { method: "POST", path: () => "/runs/wait", valid: { assistant_id: "gateway" }, wrong: runWrong },
  { method: "POST", path: () => "/runs", valid: { assistant_id: "gateway" }, wrong: runWrong },
  { method: "POST", path: () => "/runs/stream", valid: { assistant_id: "gateway" }, wrong: runWrong },
  { method: "POST", path: () => "/runs/batch", valid: { assistant_id: "gateway" }, wrong: runWrong, wrap: (body) => [body] },
  { method: "POST", path: () => "/runs/cancel", valid: { status: "pending" }, wrong: { thread_id: fc.oneof(notString, unknownId), status: wrongEnum(["pending", "running", "all"]), run_ids: fc.oneof(notList, fc.array(unknownId, { minLength: 1, maxLength: 2 })) } },
  { method: "POST", path: () => "/threads/prune", valid: { thread_ids: ["00000000-0000-4000-8000-000000000000"] }, wrong: { thread_ids: fc.oneof(notList, fc.constant([]), fc.constant([1])), strategy: wrongEnum(["delete", "keep_latest"]) } },
  { method: "PATCH", path: (ids) => `/threads/${ids.thread}/state`, valid: { metadata: {} }, wrong: { metadata: notObject, checkpoint_id: unknownId, checkpoint: fc.oneof(notObject, unknownId.map((id) => ({ checkpoint_id: id }))) } },
  { method: "POST", path: () => "/threads", valid: {}, wrong: { thread_id: fc.oneof(notString, fc.string().filter((text) => !/^[0-9a-f-]{36}$/i.test(text))), metadata: notObject, if_exists: wrongEnum(["raise", "do_nothing"]) } },
  { method: "PATCH", path: (ids) => `/threads/${ids.thread}`, valid: {}, wrong: { metadata: notObject } },
  { method: "POST", path: () => "/threads/search", valid: {}, wrong: { limit: notCount, offset: notOffset, status: wrongEnum(["idle", "busy", "interrupted", "error"]), sort_by: wrongEnum(["thread_id", "status", "created_at", "updated_at"]), select: notList, metadata: notObject } },
  { method: "POST", path: () => "/threads/count", valid: {}, wrong: { metadata: notObject, status: wrongEnum(["idle", "busy", "interrupted", "error"]) } },
  {
    method: "POST",
    path: (ids) => `/threads/${ids.thread}/state`,
    valid: { values: {} },
    wrong: {
      values: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 2 })),
      as_node: fc.oneof(notString, fc.string().filter((name) => !gatewayNodes.includes(name))),
      checkpoint_id: unknownId,
    },
  },
  { method: "POST", path: (ids) => `/threads/${ids.thread}/state/checkpoint`, valid: { checkpoint: {} }, wrong: { checkpoint: fc.oneof(notObject, unknownId.map((id) => ({ checkpoint_id: id }))) } },
  { method: "POST", path: (ids) => `/threads/${ids.thread}/history`, valid: {}, wrong: { limit: notCount, before: fc.oneof(unknownId, unknownId.map((id) => ({ configurable: { checkpoint_id: id } }))), metadata: notObject } },
  { method: "POST", path: () => "/assistants", valid: { graph_id: "verification" }, wrong: { graph_id: fc.oneof(notString, fc.constantFrom("nope", "")), assistant_id: fc.string().filter((text) => !/^[0-9a-f-]{36}$/i.test(text)), config: notObject, metadata: notObject, if_exists: wrongEnum(["raise", "do_nothing"]) } },
  { method: "PATCH", path: (ids) => `/assistants/${ids.assistant}`, valid: {}, wrong: { graph_id: fc.oneof(fc.integer(), fc.constantFrom("nope")), metadata: notObject, config: notObject, name: notString } },
  { method: "POST", path: () => "/assistants/search", valid: {}, wrong: { limit: notCount, offset: notOffset, sort_by: wrongEnum(["assistant_id", "graph_id", "name", "created_at", "updated_at"]), select: notList, graph_id: notString } },
  { method: "POST", path: () => "/assistants/count", valid: {}, wrong: { metadata: notObject, graph_id: notString } },
  { method: "POST", path: (ids) => `/assistants/${ids.assistant}/versions`, valid: {}, wrong: { limit: notCount, metadata: notObject } },
  { method: "POST", path: (ids) => `/assistants/${ids.assistant}/latest`, valid: { version: 1 }, wrong: { version: fc.oneof(fc.integer({ min: 50 }), fc.integer({ max: 0 }), fc.string()) } },
  { method: "PUT", path: () => "/store/items", valid: { namespace: ["fuzz"], key: "k", value: { v: 1 } }, wrong: { namespace: fc.oneof(fc.constant([]), fc.string(), fc.constant([""]), fc.constant(["a.b"])), key: fc.oneof(fc.constant(""), fc.integer()), value: notObject } },
  { method: "POST", path: () => "/store/items/search", valid: { namespace_prefix: ["fuzz"] }, wrong: { namespace_prefix: notList, limit: notCount, filter: notObject } },
];

/** Metadata nested `depth` objects deep, as JSON text (JSON.stringify of the value itself would recurse as deep). */
const deepMetadata = (depth: number) => `{"assistant_id":"gateway","metadata":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`;

/** One wrong request: a wrong value in one field, or a body wrong as a whole. */
const wrongRequest = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...routes).chain((route) => fc.constantFrom(...Object.keys(route.wrong)).chain((field) => (route.wrong[field] as fc.Arbitrary<unknown>).map((value) => ({ route, body: JSON.stringify(route.wrap ? route.wrap({ ...route.valid, [field]: value }) : { ...route.valid, [field]: value }), type: "application/json", field })))) },
  { weight: 1, arbitrary: fc.constantFrom(...routes).map((route) => ({ route, body: JSON.stringify(route.wrap ? route.wrap(route.valid) : route.valid), type: "text/plain", field: "content-type" })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...routes), fc.oneof(fc.constantFrom("{", "not json", "[1,2", '{"a":'), fc.constant(JSON.stringify([1])), fc.integer({ min: 65, max: 6000 }).map(deepMetadata))).map(([route, body]) => ({ route, body, type: "application/json", field: "body" })) },
);

describe("contract fuzz: wrong requests on every route", () => {
  let gateway: Gateway;
  let server: SwitchyardServer;
  const ids: Ids = { thread: "", assistant: "" };
  beforeAll(async () => {
    gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:", seed: 9 });
    server = createServer({ gateway });
    const json = { "content-type": "application/json" };
    const thread = (await (await server.app.request("/threads", { method: "POST", body: "{}", headers: json })).json()) as { thread_id: string };
    ids.thread = thread.thread_id;
    // The thread has checkpoints (so a fork or history has something to read) and is not interrupted.
    const run = await server.app.request(`/threads/${ids.thread}/runs/wait`, { method: "POST", body: JSON.stringify({ assistant_id: "verification", input: { phase: "output", text: "fine" } }), headers: json });
    expect(run.status).toBe(200);
    const assistant = (await (await server.app.request("/assistants", { method: "POST", body: JSON.stringify({ graph_id: "verification" }), headers: json })).json()) as { assistant_id: string };
    ids.assistant = assistant.assistant_id;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await gateway?.close();
  });

  it("answers 1,000+ seeded wrong requests with a 4xx: 0 are 5xx, 0 are 2xx", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(wrongRequest, async ({ route, body, type, field }) => {
        const path = route.path(ids);
        const response = await server.app.request(path, { method: route.method, body, headers: { "content-type": type } });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const answer = await response.text();
        const where = `${route.method} ${path} ${field}: ${body.slice(0, 200)} -> ${response.status} ${answer.slice(0, 300)}`;
        expect(response.status, where).toBeGreaterThanOrEqual(400);
        expect(response.status, where).toBeLessThan(500);
      }),
      { seed: 19, numRuns: 1_100 },
    );
    const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThanOrEqual(1_000);
    expect([...statuses.keys()].filter((status) => status < 400 || status >= 500)).toEqual([]);
    // And the server still answers right ones.
    expect((await server.app.request("/threads/search", { method: "POST", body: "{}", headers: { "content-type": "application/json" } })).status).toBe(200);
    // The thread the fuzz aimed at is intact and idle: no wrong request started a run on it.
    const thread = (await (await server.app.request(`/threads/${ids.thread}`)).json()) as { status: string };
    expect(thread.status).toBe("idle");
  }, 120_000);

  it("refuses a join stream's stream_mode that is not a mode with 422 naming stream_mode, on all three join streams", async () => {
    const [run] = (await (await server.app.request(`/threads/${ids.thread}/runs`)).json()) as Array<{ run_id: string }>;
    const wrong = [
      `/threads/${ids.thread}/runs/${run?.run_id}/stream?stream_mode=values&stream_mode=nope`,
      `/runs/${run?.run_id}/stream?stream_mode=values,nope`,
      `/threads/${ids.thread}/stream?stream_mode=values`,
      `/threads/${ids.thread}/stream?stream_mode=lifecycle`,
    ];
    for (const path of wrong) {
      const response = await server.app.request(path);
      expect(response.status, path).toBe(422);
      expect(((await response.json()) as { field?: string }).field, path).toBe("stream_mode");
    }
  });
});
