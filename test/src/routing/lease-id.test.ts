import { describe, expect, it } from "vitest";
import { leaseIdGenerator } from "../../../src/routing/lease-id.ts";

describe("leaseIdGenerator", () => {
  it("gives 128-bit hex ids that do not repeat across refills of its pool", () => {
    const next = leaseIdGenerator();
    const ids = Array.from({ length: 1_000 }, () => next());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives each generator its own random stream", () => {
    const first = leaseIdGenerator();
    const second = leaseIdGenerator();
    expect(first()).not.toBe(second());
  });
});
