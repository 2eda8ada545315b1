import { describe, expect, it } from "vitest";
import { always, FaultPicker, FaultPlanError, type Fault } from "../../../src/emulators/fault-plan.ts";

const serverError: Fault = { kind: "status", status: 500 };
const reset: Fault = { kind: "reset" };

function draws(picker: FaultPicker, count: number): Array<string> {
  return Array.from({ length: count }, () => picker.next()?.kind ?? "pass");
}

describe("FaultPicker", () => {
  it("draws the same faults for the same seed and route, and other faults for another seed", () => {
    const plan = { rules: [{ fault: serverError, rate: 0.3 }, { fault: reset, rate: 0.2 }] };
    const make = (seed: number) => {
      const picker = new FaultPicker("primary", seed, () => 0);
      picker.set(plan);
      return draws(picker, 200);
    };
    expect(make(3)).toEqual(make(3));
    expect(make(3)).not.toEqual(make(4));
    const kinds = make(3);
    // The shares hold roughly over 200 draws.
    expect(kinds.filter((kind) => kind === "status").length).toBeGreaterThan(40);
    expect(kinds.filter((kind) => kind === "status").length).toBeLessThan(80);
    expect(kinds.filter((kind) => kind === "reset").length).toBeGreaterThan(20);
    expect(kinds.filter((kind) => kind === "pass").length).toBeGreaterThan(70);
  });

  it("repeats a drawn fault for its whole burst", () => {
    const picker = new FaultPicker("primary", 1, () => 0);
    picker.set({ rules: [{ fault: serverError, rate: 0.05, burst: 6 }] });
    const kinds = draws(picker, 400);
    const first = kinds.indexOf("status");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(kinds.slice(first, first + 6)).toEqual(Array(6).fill("status"));
  });

  it("switches plans on its clock when given a schedule", () => {
    let now = 1_000;
    const picker = new FaultPicker("primary", 1, () => now);
    picker.set([
      { afterMs: 0, plan: always(serverError) },
      { afterMs: 5_000, plan: { rules: [] } },
    ]);
    expect(draws(picker, 3)).toEqual(["status", "status", "status"]);
    now += 4_999;
    expect(picker.next()?.kind).toBe("status");
    now += 1;
    expect(draws(picker, 3)).toEqual(["pass", "pass", "pass"]);
  });

  it("refuses plans it cannot carry out, naming the route, the field and the fix", () => {
    const picker = new FaultPicker("primary", 1, () => 0);
    expect(() => picker.set({ rules: [{ fault: serverError, rate: 0.7 }, { fault: reset, rate: 0.5 }] })).toThrow(/route primary: rules: the rates add up to 1.2. Fix/);
    expect(() => picker.set({ rules: [{ fault: { kind: "refuse" }, rate: 0.5 }] })).toThrow(FaultPlanError);
    expect(() => picker.set({ rules: [{ fault: { kind: "status", status: 200 } }] })).toThrow(/rules\[0\].fault.status: 200 is not an error status/);
    expect(() => picker.set([{ afterMs: 0, plan: always({ kind: "refuse" }) }, { afterMs: 10, plan: { rules: [] } }])).toThrow(/schedule/);
    // The plan in force is unchanged by a refused one.
    expect(picker.next()).toBeUndefined();
  });
});
