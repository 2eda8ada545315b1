/**
 * The alternated-blocks CPU loop the split benches share (a2a-split, serve-split): every step warmed up, then
 * `passes` passes of one block of `block` calls per step, the order reversed every other pass so a shared
 * machine's drift hits every step alike. Returns each step's CPU per call per pass (ms) and the load after each pass.
 */
import os from "node:os";

export type Step = readonly [name: string, call: (index: number) => Promise<unknown>];

export async function alternatingStepCpu(steps: readonly Step[], options: { passes: number; block: number; warmup: number }): Promise<{ cpu: number[][]; loads: string[] }> {
  for (const [, step] of steps) for (let index = 0; index < options.warmup; index++) await step(index);
  const cpu = steps.map((): number[] => []);
  const loads: string[] = [];
  for (let pass = 0; pass < options.passes; pass++) {
    const order = steps.map((_, index) => (pass % 2 === 0 ? index : steps.length - 1 - index));
    for (const index of order) {
      const started = process.cpuUsage();
      for (let call = 0; call < options.block; call++) await steps[index]?.[1](call);
      const used = process.cpuUsage(started);
      cpu[index]?.push((used.user + used.system) / 1000 / options.block);
    }
    loads.push(os.loadavg()[0]?.toFixed(1) ?? "?");
  }
  return { cpu, loads };
}
