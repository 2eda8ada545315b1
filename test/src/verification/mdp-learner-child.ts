/**
 * A process that learns one transition of the support policy's MDP and saves it into a SQLite store shared
 * with other processes. Usage: node --import tsx mdp-learner-child.ts FILE ACTION TIMES
 */
import path from "node:path";
import { openSqliteStore } from "../../../checkpoints/index.ts";
import { initialMonitorState, loadPolicyFile, MdpModel, RuntimeMonitor, saveMdpModel } from "../../../src/verification/index.ts";

const [file, action, times] = process.argv.slice(2);
if (file === undefined || action === undefined || times === undefined) throw new Error("usage: mdp-learner-child.ts FILE ACTION TIMES");
const policy = loadPolicyFile(path.resolve("policies/support.yaml"));
const store = openSqliteStore(file);
const model = new MdpModel(policy);
const start = { ...initialMonitorState(policy), facts: { customer_email: "ann@example.com", customer_id: "c-ann" } };
const next = new RuntimeMonitor(policy).check(start, action, action === "lookup_order" ? { order_id: "A1" } : {}, { approved: true }).next;
// Saves after every step, as the agent does: the two processes' writes interleave.
for (let index = 0; index < Number(times); index += 1) {
  model.observe(start, action, next);
  await saveMdpModel(store, model);
}
store.close();
