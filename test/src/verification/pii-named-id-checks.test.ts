import { describe, expect, it } from "vitest";
import { checkContradictsLabel } from "../../../src/verification/pii-named-id-checks.ts";

describe("an id's name and its check", () => {
  it("refuses a value under an id's name that fails that id's check (a company's kennitala)", () => {
    expect(checkContradictsLabel("Kennitala félagsins: 520174-3399", 21, 32)).toBe(true);
  });

  it("keeps a value that passes it, and says nothing under other labels", () => {
    expect(checkContradictsLabel("Kennitala: 120174-3399", 11, 22)).toBe(false);
    expect(checkContradictsLabel("CPR: 520174-3399", 5, 16)).toBe(false);
  });
});
