import { deltaChannelHistoryTests, validate } from "@langchain/langgraph-checkpoint-validation";
import { openSqliteSaver, type SwitchyardSqliteSaver } from "../../checkpoints/index.ts";

// The whole official suite, plus the channel-delta cases that validate() leaves opt-in.
const initializer = {
  checkpointerName: "switchyard-sqlite",
  createCheckpointer: (): SwitchyardSqliteSaver => openSqliteSaver(":memory:"),
  destroyCheckpointer: (saver: SwitchyardSqliteSaver) => saver.close(),
};

validate(initializer);
deltaChannelHistoryTests(initializer);
