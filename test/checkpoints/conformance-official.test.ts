import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { deltaChannelHistoryTests, validate } from "@langchain/langgraph-checkpoint-validation";

// The reference run: the same suite against the official saver, so the comparison with ours is on record.
// The checkpointer name makes validate() skip, with its stated reason, the one case the official saver fails:
// "should only store channel_values that have changed" (it stores the whole checkpoint on every put).
const initializer = {
  checkpointerName: "@langchain/langgraph-checkpoint-sqlite",
  createCheckpointer: (): SqliteSaver => SqliteSaver.fromConnString(":memory:"),
  destroyCheckpointer: (saver: SqliteSaver) => {
    saver.db.close();
  },
};

validate(initializer);
deltaChannelHistoryTests(initializer);
