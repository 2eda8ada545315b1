import { describe } from "vitest";
import { openSqliteStore, type SwitchyardSqliteStore } from "../../checkpoints/index.ts";
import { describeStoreCases } from "./store-cases.ts";

describe("SwitchyardSqliteStore: shared cases", () => {
  describeStoreCases("switchyard", {
    openStore: async () => openSqliteStore(":memory:"),
    closeStore: async (store) => (store as SwitchyardSqliteStore).close(),
  });
});
