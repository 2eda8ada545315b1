import { describe } from "vitest";
import { SqliteEventLog } from "../../../src/guardian/index.ts";
import { eventLogCases } from "./event-log-cases.ts";

describe("EventLog contract: SQLite", () => {
  eventLogCases(async () => {
    const log = SqliteEventLog.open(":memory:");
    return { log, flush: async () => undefined, close: async () => log.close() };
  });
});
