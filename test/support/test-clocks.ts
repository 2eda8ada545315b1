/** Test clocks for routing tests: sleeps that pass instantly or faster than real time. */
/** A clock that moves with real time and jumps forward on every sleep, so no test really waits. */
export function virtualTime(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let offset = 0;
  const slept: number[] = [];
  return {
    now: () => Date.now() + offset,
    sleep: async (ms: number) => {
      slept.push(ms);
      offset += ms;
    },
    slept,
  };
}

/**
 * A clock running `factor` times faster than real time, with sleeps shortened to match: concurrent
 * requests wait side by side (a jumping clock would add their waits up), yet a 30 s cooldown passes in
 * 30 / factor real seconds.
 */
export function warpedTime(factor: number): { now: () => number; sleep: (ms: number) => Promise<void>; timeout: (ms: number) => AbortSignal; slept: number[] } {
  const origin = Date.now();
  const slept: number[] = [];
  return {
    now: () => origin + Math.round((Date.now() - origin) * factor),
    sleep: (ms: number) => {
      slept.push(ms);
      return new Promise((resolve) => setTimeout(resolve, ms / factor));
    },
    // A call's budget is in the warped clock's ms; cut it off at the same warped moment.
    timeout: (ms: number) => AbortSignal.timeout(Math.max(1, Math.round(ms / factor))),
    slept,
  };
}
