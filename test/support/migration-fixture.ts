import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { Annotation, END, MessagesAnnotation, START, StateGraph, interrupt } from "@langchain/langgraph";
import { openSqliteSaver, SwitchyardSqliteStore } from "../../checkpoints/index.ts";

const State = Annotation.Root({ ...MessagesAnnotation.spec, turns: Annotation<number>({ reducer: (left, right) => left + right, default: () => 0 }) });

/** A subgraph, so checkpoints land in a child namespace too. */
const lookup = new StateGraph(State)
  .addNode("search", (state) => ({ messages: [new AIMessage(`looked up turn ${state.turns}`)] }))
  .addEdge(START, "search")
  .addEdge("search", END)
  .compile();

function buildGraph() {
  return new StateGraph(State)
    .addNode("agent", (state) => ({ messages: [new AIMessage({ content: `answer ${state.turns}`, response_metadata: { model: "emulated" } })], turns: 1 }))
    .addNode("lookup", lookup)
    .addNode("approve", (state) => {
      // Every fifth turn waits for a human: the thread ends on an interrupt, with its pending writes.
      if (state.turns % 5 === 0) interrupt({ question: `approve turn ${state.turns}?` });
      return {};
    })
    .addEdge(START, "agent")
    .addEdge("agent", "lookup")
    .addEdge("lookup", "approve")
    .addEdge("approve", END);
}

export interface MigrationFixture {
  threads: number;
  checkpoints: number;
  items: number;
}

/**
 * Writes a switchyard SQLite file as real runs leave it: `threads` threads of `turns` turns each through a graph
 * with a subgraph (a second namespace) and an interrupt every fifth turn (pending writes), plus store items
 * in nested namespaces. Returns what it holds.
 */
export async function writeMigrationFixture(file: string, options: { threads: number; turns: number; items: number }): Promise<MigrationFixture> {
  const saver = openSqliteSaver(file);
  const store = new SwitchyardSqliteStore(saver.database);
  try {
    const graph = buildGraph().compile({ checkpointer: saver, store });
    for (let thread = 0; thread < options.threads; thread += 1) {
      const config = { configurable: { thread_id: `thread-${thread}` } };
      for (let turn = 0; turn < options.turns; turn += 1) {
        await graph.invoke({ messages: [new HumanMessage(`question ${turn} on thread ${thread} ✓`)] }, config);
      }
    }
    for (let item = 0; item < options.items; item += 1) {
      await store.put(["users", `user-${item % 7}`, item % 2 === 0 ? "memories" : "profile"], `item-${item}`, { text: `fact ${item}`, score: item / 3, tags: ["a", "b"], nested: { deep: [item, null, true] } });
    }
    const checkpoints = Number(saver.database.prepare("SELECT COUNT(*) FROM sy_checkpoints").pluck().get());
    return { threads: options.threads, checkpoints, items: options.items };
  } finally {
    saver.close();
  }
}
