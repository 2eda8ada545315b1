/** CPU (ms, every thread of the process) and wall time (ms) of each request of one path. */
export interface Samples {
  cpuMs: number;
  requests: number;
  wall: number[];
}

export const emptySamples = (): Samples => ({ cpuMs: 0, requests: 0, wall: [] });

/** Runs `count` requests one after another, adding their CPU (as a block, so leftovers land in it) and walls. */
export async function measureBlock(samples: Samples, count: number, one: (index: number) => Promise<void>, offset: number): Promise<void> {
  const cpu = process.cpuUsage();
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await one(offset + index);
    samples.wall.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  samples.cpuMs += (used.user + used.system) / 1000;
  samples.requests += count;
}
