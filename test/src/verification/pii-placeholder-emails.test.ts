import { describe, expect, it } from "vitest";
import { placeholderAddress } from "../../../src/verification/pii-placeholder-emails.ts";

describe("placeholder addresses at reserved domains", () => {
  it("takes a role's or a machine's handle at a reserved domain as no one's", () => {
    expect(placeholderAddress("webmaster@example.org")).toBe(true);
    expect(placeholderAddress("ops-robot@crawler.example.net")).toBe(true);
    expect(placeholderAddress("ci.bot@example.com")).toBe(true);
  });

  it("keeps a person's handle, and any handle at a real domain", () => {
    expect(placeholderAddress("ops.kadri@example.org")).toBe(false);
    expect(placeholderAddress("raj.patel@example.com")).toBe(false);
    expect(placeholderAddress("webmaster@kadri-tamm.ee")).toBe(false);
  });
});
