/**
 * switchyard's SQLite checkpoint saver and store under a plain LangGraph graph of your own: nothing else of
 * switchyard. The thread survives reopening the file; the store keeps data across threads.
 * Run: npx tsx examples/saver-only.ts   (in your project the import reads `from "switchyard/checkpoints"`)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { openSqliteSaver, openSqliteStore } from "../checkpoints/index.ts";

const Notes = Annotation.Root({ notes: Annotation<string[]>({ reducer: (left, right) => [...left, ...right], default: () => [] }) });

/** Appends the note and counts, in the store, how many notes this user wrote on any thread. */
async function addNote(_state: typeof Notes.State, config: LangGraphRunnableConfig) {
  const namespace = ["users", "ana"];
  const previous = await config.store?.get(namespace, "count");
  const count = Number(previous?.value.count ?? 0) + 1;
  await config.store?.put(namespace, "count", { count });
  return { notes: [`note ${count}`] };
}

const builder = new StateGraph(Notes).addNode("add_note", addNote).addEdge(START, "add_note").addEdge("add_note", END);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-saver-"));
const file = path.join(directory, "state.db");
const thread = { configurable: { thread_id: "notes-1" } };

try {
  let saver = openSqliteSaver(file);
  let store = openSqliteStore(file); // the store may share the saver's file
  await builder.compile({ checkpointer: saver, store }).invoke({}, thread);
  saver.close();
  store.close();

  // A new process would do the same: reopen the file and carry on with the thread where it stopped.
  saver = openSqliteSaver(file);
  store = openSqliteStore(file);
  const graph = builder.compile({ checkpointer: saver, store });
  const state = await graph.invoke({}, thread);
  const history = [];
  for await (const snapshot of graph.getStateHistory(thread)) history.push(snapshot.config.configurable?.checkpoint_id);
  console.log(`notes: ${state.notes.join(", ")}; checkpoints on the thread: ${history.length}`);
  saver.close();
  store.close();
} finally {
  fs.rmSync(directory, { recursive: true, force: true });
}
