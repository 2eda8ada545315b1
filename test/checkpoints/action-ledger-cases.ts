import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LedgerForkError } from "../../src/errors.ts";
import type { ActionLedger } from "../../src/verification/action-ledger.ts";

/** One set of cases every ActionLedger implementation passes (memory, SQLite, Postgres). */
export function describeActionLedgerCases(name: string, open: () => Promise<{ ledger: ActionLedger; close(): Promise<void> }>): void {
  describe(`${name} action ledger`, () => {
    let ledger: ActionLedger;
    let close: () => Promise<void>;
    const executed = (callId: string, action = "refund") => ({ kind: "executed" as const, callId, action, args: { amount: 10 } });
    // A limit of 3 executed refunds per lineage, checked inside the append.
    const limit = (lineage: readonly { kind: string; action: string }[]) => (lineage.filter((entry) => entry.kind === "executed" && entry.action === "refund").length >= 3 ? "limit reached" : undefined);

    beforeEach(async () => {
      ({ ledger, close } = await open());
    });
    afterEach(async () => close());

    it("appends in order, refuses past the admit check, and treats a repeated call id as a duplicate", async () => {
      for (const id of ["a", "b", "c"]) expect((await ledger.append("t", executed(id), limit)).status).toBe("appended");
      expect(await ledger.append("t", executed("d"), limit)).toEqual({ status: "refused", reason: "limit reached" });
      expect((await ledger.append("t", executed("a"), limit)).status).toBe("duplicate");
      expect((await ledger.entries("t")).map((entry) => entry.callId)).toEqual(["a", "b", "c"]);
      expect((await ledger.entries("t"))[0]).toMatchObject({ threadId: "t", kind: "executed", action: "refund", args: { amount: 10 } });
    });

    it("gives a fork its parent's lineage, and refuses to fork a thread that has its own history", async () => {
      await ledger.append("parent", executed("a"), limit);
      await ledger.append("parent", executed("b"), limit);
      await ledger.fork("parent", "child");
      expect((await ledger.append("child", executed("c"), limit)).status).toBe("appended");
      expect((await ledger.append("parent", executed("d"), limit)).status).toBe("refused");
      expect((await ledger.entries("parent")).map((entry) => entry.threadId)).toEqual(["parent", "parent", "child"]);
      await ledger.append("other", executed("x"), limit);
      await expect(ledger.fork("parent", "other")).rejects.toBeInstanceOf(LedgerForkError);
    });

    it("carries the new thread's facts into the lineage it joins, and finds the thread of an executed call", async () => {
      await ledger.append("parent", executed("a"), limit);
      await ledger.append("kid", { kind: "fact", callId: "f1", action: "customer_email", args: { value: "ann@example.com" } });
      await ledger.fork("parent", "kid");
      expect((await ledger.entries("kid")).filter((entry) => entry.kind === "fact").map((entry) => entry.args.value)).toEqual(["ann@example.com"]);
      expect(await ledger.threadOfCall("a")).toBe("parent");
      expect(await ledger.threadOfCall("nope")).toBeUndefined();
    });

    it("lets only three of many concurrent appends take the three slots", async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, index) => ledger.append("race", executed(`r${index}`), limit)));
      expect(results.filter((result) => result.status === "appended")).toHaveLength(3);
    });

    // A limit of 3 refunds per customer, across threads: the admit check reads the scope's count.
    const scope = 'fact.customer_id="c-ann"';
    const perCustomer = (_lineage: readonly unknown[], scoped: Readonly<Record<string, Readonly<Record<string, number>>>>) => ((scoped[scope]?.refund ?? 0) >= 3 ? "customer limit reached" : undefined);
    const scopedRefund = (callId: string) => ({ ...executed(callId), scopes: [scope] });

    it("counts an action under its scopes across threads, and hands the counts to the admit check", async () => {
      expect((await ledger.append("visit-1", scopedRefund("a"), perCustomer)).status).toBe("appended");
      expect((await ledger.append("visit-2", scopedRefund("b"), perCustomer)).status).toBe("appended");
      await ledger.append("visit-3", executed("unscoped"), perCustomer);
      expect(await ledger.scopedCounts([scope, 'fact.customer_id="c-bob"'])).toEqual({ [scope]: { refund: 2 } });
      expect((await ledger.append("visit-3", scopedRefund("c"), perCustomer)).status).toBe("appended");
      expect(await ledger.append("visit-4", scopedRefund("d"), perCustomer)).toEqual({ status: "refused", reason: "customer limit reached" });
      // A replayed call is a duplicate in its lineage and counts once.
      expect((await ledger.append("visit-1", scopedRefund("a"), perCustomer)).status).toBe("duplicate");
      expect(await ledger.scopedCounts([scope])).toEqual({ [scope]: { refund: 3 } });
      expect((await ledger.entries("visit-1"))[0]).not.toHaveProperty("scopes");
    });

    it("lets only three of many concurrent appends in different threads take one customer's three slots", async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, index) => ledger.append(`thread-${index}`, scopedRefund(`s${index}`), perCustomer)));
      expect(results.filter((result) => result.status === "appended")).toHaveLength(3);
      expect(await ledger.scopedCounts([scope])).toEqual({ [scope]: { refund: 3 } });
    });
  });
}
