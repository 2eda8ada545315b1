import os from "node:os";
import path from "node:path";
import { median } from "./paired-blocks.ts";

/**
 * Measures every checkout once per pass, the checkouts' order reversed every other pass, and prints per
 * checkout the median over passes of each row, with the paired difference against the first checkout (pass
 * by pass: both ran in the same minutes). `measure` returns one figure per row.
 */
export async function compareCheckouts<Checkout extends { root: string }>(checkouts: readonly Checkout[], rows: readonly string[], options: { passes: number; block: number; digits: number }, measure: (checkout: Checkout) => Promise<number[]>): Promise<void> {
  const figures = checkouts.map(() => rows.map((): number[] => []));
  const loads: string[] = [];
  for (let pass = 0; pass < options.passes; pass++) {
    const order = checkouts.map((_, index) => (pass % 2 === 0 ? index : checkouts.length - 1 - index));
    for (const index of order) (await measure(checkouts[index] as Checkout)).forEach((value, row) => figures[index]?.[row]?.push(value));
    loads.push(os.loadavg()[0]?.toFixed(1) ?? "?");
  }
  console.log(`load after each pass: ${loads.join(" ")}; ${options.passes} passes of ${options.block} calls per path per checkout`);
  const first = figures[0] ?? [];
  checkouts.forEach((checkout, index) => {
    console.log(checkout.root);
    rows.forEach((label, row) => {
      const own = figures[index]?.[row] ?? [];
      const versus = index === 0 ? "" : `; paired minus ${path.basename(checkouts[0]?.root ?? "")}: ${median(own.map((value, pass) => value - (first[row]?.[pass] ?? Number.NaN))).toFixed(options.digits)}`;
      console.log(`  ${label.padEnd(30)} ${median(own).toFixed(options.digits)} ms${versus}`);
    });
  });
}
