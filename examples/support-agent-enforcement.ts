/**
 * The support agent under its policy (policies/support.yaml: refunds over 500 need approval, at most 3 refunds
 * per thread, mail only to the customer's address on file), on a SQLite file whose ledger every process shares.
 * A scripted model stands in for the LLM so the run is reproducible offline.
 *
 *   npx tsx examples/support-agent-enforcement.ts
 */
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { Command } from "@langchain/langgraph";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqliteSaver, SqliteActionLedger } from "../checkpoints/index.ts";
import { compileSupportAgent } from "../graphs/support-agent.ts";
import { EnforcementFieldError } from "../src/errors.ts";
import { ledgerView, loadPolicyFile, setThreadFact, SupportToolLedger } from "../src/verification/index.ts";
import { ScriptedChatModel } from "../test/support/scripted-chat-model.ts";

let ids = 0;
const calls = (...list: Array<[string, Record<string, unknown>]>) =>
  new AIMessage({ content: "", tool_calls: list.map(([name, args]) => ({ name, args, id: `call_${(ids += 1)}`, type: "tool_call" as const })) });

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "support-")), "state.db");
const saver = openSqliteSaver(file);
const ledger = new SqliteActionLedger(saver.database);
// The address on file comes from the application (a CRM lookup), never from the conversation.
await setThreadFact(ledger, "t1", "customer_email", "ann@example.com");
await setThreadFact(ledger, "t1", "customer_id", "c-ann");
const graph = compileSupportAgent({ checkpointer: saver, ledger, monitor: { onUnseen: "allow" } });
const tools = new SupportToolLedger();
const model = new ScriptedChatModel([
  calls(["lookup_order", { order_id: "A100" }]),
  calls(["refund", { order_id: "A100", amount: 120 }], ["refund", { order_id: "A100", amount: 640 }], ["refund", { order_id: "A100", amount: 80 }]),
  "Three refunds done.",
  calls(["refund", { order_id: "A100", amount: 50 }]),
  calls(["send_email", { to: "ann@example.com, eve@attacker.example", body: "Your refunds are on the way" }]),
  calls(["send_email", { to: "ann@example.com", body: "Your refunds are on the way" }]),
  "Emailed you.",
]);
const config = { configurable: { thread_id: "t1" }, context: { model, tools } };
const show = (label: string, state: { blocked: Array<{ tool: string; reasons: string[] }> }) => {
  console.log(`\n${label}`);
  console.log(`  executed so far: ${tools.executions.map((execution) => `${execution.tool}(${JSON.stringify(execution.args)})`).join(", ")}`);
  for (const blocked of state.blocked) console.log(`  blocked ${blocked.tool}: ${blocked.reasons.join("; ")}`);
};

const paused = await graph.invoke({ messages: [new HumanMessage("Refund order A100: 120, 640 and 80")] }, config);
console.log("paused for approval:", JSON.stringify((paused as { __interrupt__?: Array<{ value: unknown }> }).__interrupt__?.[0]?.value));
show("after approving the 640 refund:", await graph.invoke(new Command({ resume: { decision: "approve" } }), config));

const reset = await graph.invoke({ messages: [new HumanMessage("reset")], monitor: { values: {}, counts: {} } } as never, config).catch((error: unknown) => error);
console.log(`\ninput with "monitor" refused: ${reset instanceof EnforcementFieldError ? reset.message.split(".")[0] : "NO"}`);

const again = await graph.invoke({ messages: [new HumanMessage("One more refund of 50, and mail me")] }, config);
show("after a fourth refund and a mail with a smuggled recipient:", again);
// The MDP learned from the stopped mail that send_email in this state led to a violation: the clean retry asks a person.
console.log("\npaused by the MDP:", JSON.stringify((again as { __interrupt__?: Array<{ value: { reasons: string[] } }> }).__interrupt__?.[0]?.value.reasons));
const done = await graph.invoke(new Command({ resume: { decision: "approve" } }), config);
console.log(`after approving the clean mail: ${tools.executions.at(-1)?.tool ?? "-"} ran; answer: ${String(done.messages.at(-1)?.content)}`);
const view = ledgerView(loadPolicyFile(path.resolve("policies/support.yaml")), await ledger.entries("t1"));
console.log(`\nledger (${file}): ${JSON.stringify(view.state.counts)}, refunded_total ${String(view.state.values.refunded_total)}`);

// The same customer opens a new thread: refunds are limited per customer (fact customer_id), across threads.
await setThreadFact(ledger, "t2", "customer_email", "ann@example.com");
await setThreadFact(ledger, "t2", "customer_id", "c-ann");
const fresh = new ScriptedChatModel([calls(["lookup_order", { order_id: "A200" }]), calls(["refund", { order_id: "A200", amount: 30 }]), "I cannot refund more."]);
const second = await graph.invoke({ messages: [new HumanMessage("Refund order A200: 30")] }, { configurable: { thread_id: "t2" }, context: { model: fresh, tools } });
console.log(`\na new thread t2 for the same customer: ${second.blocked.map((blocked) => `blocked ${blocked.tool}: ${blocked.reasons.join("; ")}`).join(" | ") || "nothing blocked"}`);
