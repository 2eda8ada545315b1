import { describe, expect, it } from "vitest";
import { factGuardOf } from "../../nodes/recall-memory.ts";

describe("factGuardOf: facts follow the verification policy's PII strategy", () => {
  const base = { enabled: true, pii: { strategy: "redact" as const } };

  it("redacts PII when the policy redacts", () => {
    expect(factGuardOf(base)("My email is ada@example.com for invoices.")).toBe("My email is [REDACTED:email] for invoices.");
  });

  it("stores nothing that carries PII when the policy blocks", () => {
    const guard = factGuardOf({ ...base, pii: { strategy: "block" } });
    expect(guard("My email is ada@example.com for invoices.")).toBeUndefined();
    expect(guard("My daughter is called Ilse.")).toBe("My daughter is called Ilse.");
  });

  it("with verification off, stores facts as said but never a secret", () => {
    const guard = factGuardOf(undefined);
    expect(guard("My email is ada@example.com for invoices.")).toBe("My email is ada@example.com for invoices.");
    expect(guard("My api_key=sk-proj-abcdefghijklmnopqrstuvwxyz123456 is for staging.")).toBeUndefined();
  });
});
