/**
 * A second process for the attack suite: opens the same SQLite file, forks a thread off "race" (sharing its
 * ledger), or with `new-thread` opens a thread of its own for the same customer (no shared lineage), and
 * tries a refund. Usage: node --import tsx support-attack-child.ts FILE THREAD [new-thread]
 */
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { openSqliteSaver, SqliteActionLedger } from "../../checkpoints/index.ts";
import { compileSupportAgent } from "../../graphs/support-agent.ts";
import { SupportToolLedger } from "../../src/verification/support-tools.ts";
import { setCustomer } from "./support-attacks.ts";
import { ScriptedChatModel } from "./scripted-chat-model.ts";

const [file, threadId, mode] = process.argv.slice(2);
if (file === undefined || threadId === undefined) throw new Error("usage: support-attack-child.ts FILE THREAD");
const saver = openSqliteSaver(file);
const ledger = new SqliteActionLedger(saver.database);
if (mode === "new-thread") await setCustomer(ledger, threadId);
else await ledger.fork("race", threadId);
const graph = compileSupportAgent({ checkpointer: saver, ledger, monitor: { onUnseen: "allow" } });
const proposal = new AIMessage({ content: "", tool_calls: [{ name: "refund", args: { order_id: "A100", amount: 100 }, id: `${threadId}_refund`, type: "tool_call" }] });
const lookup = new AIMessage({ content: "", tool_calls: [{ name: "lookup_order", args: { order_id: "A100" }, id: `${threadId}_lookup`, type: "tool_call" }] });
const model = new ScriptedChatModel(mode === "new-thread" ? [lookup, proposal, proposal, "Done.", "Done."] : [proposal, proposal, "Done.", "Done."]);
await graph.invoke({ messages: [new HumanMessage("refund")] }, { configurable: { thread_id: threadId }, context: { model, tools: new SupportToolLedger() } });
