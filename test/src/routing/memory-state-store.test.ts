import { describe } from "vitest";
import { MemoryRoutingStateStore } from "../../../src/routing/index.ts";
import { routingStateCases } from "./state-cases.ts";

describe("MemoryRoutingStateStore", () => {
  routingStateCases(async () => new MemoryRoutingStateStore());
});
