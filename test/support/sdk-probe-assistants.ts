/** Probe steps for assistants, threads and the store (see sdk-probe.ts). */
import { check, rejects, type ProbeStep } from "./sdk-probe-kit.ts";

const graphIds = ["gateway", "guardian", "memory", "router", "support-agent", "verification"];

export const assistantSteps: readonly ProbeStep[] = [
  {
    name: "assistants.search lists every graph of langgraph.json",
    async run({ client }) {
      const found = (await client.assistants.search({ limit: 50, metadata: { created_by: "system" } })).map((assistant) => assistant.graph_id).sort();
      check(JSON.stringify(found) === JSON.stringify(graphIds), `graphs ${found.join(", ")}`);
    },
  },
  {
    name: "assistants.get, getGraph (xray) and getSchemas for every graph",
    async run({ client }) {
      for (const graphId of graphIds) {
        const [assistant] = await client.assistants.search({ graphId, metadata: { created_by: "system" } });
        check(assistant !== undefined, `no assistant for ${graphId}`);
        check((await client.assistants.get(assistant.assistant_id)).graph_id === graphId, `get ${graphId}`);
        check((await client.assistants.getGraph(assistant.assistant_id, { xray: true })).nodes.length > 2, `graph of ${graphId}`);
        const schemas = await client.assistants.getSchemas(assistant.assistant_id);
        check(schemas.input_schema != null && schemas.state_schema != null, `schemas of ${graphId}`);
      }
    },
  },
  {
    name: "assistants.getSubgraphs carries each subgraph's schemas",
    async run({ client }) {
      // The gateway wires the router's nodes inline (no subgraph); the router graph is served with its own schemas.
      const subgraphs = await client.assistants.getSubgraphs("gateway");
      check(Object.keys(subgraphs).length === 0, `subgraphs ${Object.keys(subgraphs).join(", ")}`);
      check(JSON.stringify(await client.assistants.getSchemas("router")).includes("attempts"), "router graph without its state schema");
    },
  },
  {
    name: "assistants.create, update (a version), getVersions, setLatest, count, delete",
    async run({ client }) {
      const created = await client.assistants.create({ graphId: "verification", name: "probe-verifier", metadata: { probe: "yes" }, config: { configurable: { tier: "a" } } });
      check(created.version === 1 && created.graph_id === "verification", "create");
      const updated = await client.assistants.update(created.assistant_id, { metadata: { step: 2 }, config: { configurable: { tier: "b" } } });
      check(updated.version === 2 && updated.metadata?.probe === "yes" && updated.metadata?.step === 2, `update: version ${updated.version}`);
      const versions = await client.assistants.getVersions(created.assistant_id);
      check(versions.map((version) => version.version).join(",") === "2,1", `versions ${versions.map((version) => version.version).join(",")}`);
      const back = await client.assistants.setLatest(created.assistant_id, 1);
      check(back.version === 1 && (back.config.configurable as { tier?: string }).tier === "a", "setLatest 1");
      check((await client.assistants.count({ metadata: { probe: "yes" } })) === 1, "count by metadata");
      check((await client.assistants.search({ name: "probe-verifier" })).length === 1, "search by name");
      await client.assistants.delete(created.assistant_id);
      await rejects(() => client.assistants.get(created.assistant_id), [404], "get a deleted assistant");
    },
  },
  {
    name: "assistants.search honours sortBy, sortOrder and select",
    async run({ client }) {
      const ascending = await client.assistants.search({ metadata: { created_by: "system" }, sortBy: "graph_id", sortOrder: "asc", select: ["assistant_id", "graph_id"], limit: 50 });
      check(JSON.stringify(ascending.map((assistant) => assistant.graph_id)) === JSON.stringify(graphIds), "sorted by graph_id");
      check(ascending.every((assistant) => Object.keys(assistant).sort().join(",") === "assistant_id,graph_id"), "select");
    },
  },
  {
    name: "threads.create, get (with config), update metadata, search, count, copy, delete",
    async run({ client, ids }) {
      const thread = await client.threads.create({ metadata: { probe: "thread" } });
      check(thread.status === "idle" && "config" in thread, "created thread without config");
      await client.threads.update(thread.thread_id, { metadata: { more: 1 } });
      const got = await client.threads.get(thread.thread_id);
      check(got.metadata?.probe === "thread" && got.metadata?.more === 1, "metadata merged");
      check((await client.threads.search({ metadata: { probe: "thread" } })).length === 1, "search by metadata");
      check((await client.threads.count({ metadata: { probe: "thread" } })) === 1, "count by metadata");
      const copy = await client.threads.copy(thread.thread_id);
      check(copy.thread_id !== thread.thread_id, "copy");
      await client.threads.delete(copy.thread_id);
      await rejects(() => client.threads.get(copy.thread_id), [404], "get a deleted thread");
      ids.thread = thread.thread_id;
    },
  },
  {
    name: "threads.search honours sortBy, sortOrder and select",
    async run({ client }) {
      const made = [];
      for (let index = 0; index < 3; index += 1) made.push((await client.threads.create({ metadata: { probe: "sorted" } })).thread_id);
      const ascending = await client.threads.search({ metadata: { probe: "sorted" }, sortBy: "thread_id", sortOrder: "asc", select: ["thread_id", "status"] });
      check(JSON.stringify(ascending.map((thread) => thread.thread_id)) === JSON.stringify([...made].sort()), "sorted by thread_id asc");
      check(ascending.every((thread) => Object.keys(thread).sort().join(",") === "status,thread_id"), `select gave ${Object.keys(ascending[0] ?? {}).join(",")}`);
      const newest = await client.threads.search({ metadata: { probe: "sorted" }, sortBy: "created_at", sortOrder: "desc", limit: 1 });
      check(newest[0]?.thread_id === made.at(-1), "newest first");
    },
  },
  {
    name: "store: putItem, getItem, searchItems, listNamespaces, deleteItem",
    async run({ client }) {
      await client.store.putItem(["probe", "user"], "prefs", { color: "green" });
      check((await client.store.getItem(["probe", "user"], "prefs"))?.value.color === "green", "getItem");
      check((await client.store.searchItems(["probe"], { filter: { color: "green" } })).items.length === 1, "searchItems");
      const namespaces = await client.store.listNamespaces({ prefix: ["probe"] });
      check(namespaces.namespaces.some((namespace) => namespace.join("/") === "probe/user"), "listNamespaces");
      await client.store.deleteItem(["probe", "user"], "prefs");
      check((await client.store.getItem(["probe", "user"], "prefs")) === null, "deleted item");
    },
  },
];
