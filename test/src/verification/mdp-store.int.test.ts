import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { InMemoryStore } from "@langchain/langgraph";
import { openSqliteStore } from "../../../checkpoints/index.ts";
import { initialMonitorState, loadMdpModel, loadPolicyFile, MDP_NAMESPACE, MdpModel, RuntimeMonitor, saveMdpModel } from "../../../src/verification/index.ts";

const policy = loadPolicyFile(path.resolve("policies/support.yaml"));
const start = { ...initialMonitorState(policy), facts: { customer_email: "ann@example.com", customer_id: "c-ann" } };
const after = (action: string) => new RuntimeMonitor(policy).check(start, action, action === "lookup_order" ? { order_id: "A1" } : {}, { approved: true }).next;
/** The count of one learned transition from the start state, as the merged model holds it. */
const countOf = (model: MdpModel, action: string) => model.toJSON().transitions[`${model.abstract(start)}\u0001${action}`]?.[model.abstract(after(action))] ?? 0;

describe("the MDP persisted by several processes", () => {
  it("keeps both processes' learning when two processes learn different transitions on one SQLite file at once", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mdp-")), "state.db");
    openSqliteStore(file).close();
    const child = path.resolve("test/src/verification/mdp-learner-child.ts");
    const execute = promisify(execFile);
    await Promise.all([execute(process.execPath, ["--import", "tsx", child, file, "lookup_order", "30"]), execute(process.execPath, ["--import", "tsx", child, file, "lock_database", "20"])]);
    const store = openSqliteStore(file);
    const model = await loadMdpModel(store, policy);
    expect(countOf(model, "lookup_order")).toBe(30);
    expect(countOf(model, "lock_database")).toBe(20);
    store.close();
  }, 120_000);

  it("sums each process's item, leaves out the caller's own, still loads the first version's single item, and skips a foreign policy's", async () => {
    const store = new InMemoryStore();
    const legacy = new MdpModel(policy);
    legacy.observe(start, "lookup_order", after("lookup_order"));
    await store.put(MDP_NAMESPACE, policy.name, legacy.toJSON());
    const one = new MdpModel(policy, { instanceId: "one" });
    const two = new MdpModel(policy, { instanceId: "two" });
    for (let index = 0; index < 3; index += 1) one.observe(start, "lookup_order", after("lookup_order"));
    two.observe(start, "lock_database", after("lock_database"));
    await saveMdpModel(store, one);
    await saveMdpModel(store, two);
    await store.put([...MDP_NAMESPACE, policy.name], "foreign", { ...two.learned(), policy_hash: "other" });
    await store.put([...MDP_NAMESPACE, policy.name], "broken", { transitions: "not counts" });
    const all = await loadMdpModel(store, policy);
    expect(countOf(all, "lookup_order")).toBe(4);
    expect(countOf(all, "lock_database")).toBe(1);
    const others = await loadMdpModel(store, policy, { except: "one" });
    expect(countOf(others, "lookup_order")).toBe(1);
    // A model that absorbed others' counts persists only its own.
    two.absorb(all.toJSON());
    expect(two.learned().transitions).toEqual({ [`${two.abstract(start)}\u0001lock_database`]: { [two.abstract(after("lock_database"))]: 1 } });
  });
});
