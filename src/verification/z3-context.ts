import { init, type Context, type Solver } from "z3-solver";

/** The process-wide z3 instance: one WASM module, one context, one solver used with push/pop. */
export interface Z3Handle {
  context: Context<"main">;
  solver: Solver<"main">;
  /** Runs `work` alone on the shared solver (proofs are async; interleaved push/pop would mix them). */
  exclusive<T>(work: (solver: Solver<"main">) => Promise<T>): Promise<T>;
}

let shared: Promise<{ handle: Z3Handle; terminate: () => void }> | undefined;

async function start(): Promise<{ handle: Z3Handle; terminate: () => void }> {
  const { Context: makeContext, em } = await init();
  const context = makeContext("main");
  const solver = new context.Solver();
  let queue: Promise<unknown> = Promise.resolve();
  const handle: Z3Handle = {
    context,
    solver,
    exclusive<T>(work: (solver: Solver<"main">) => Promise<T>): Promise<T> {
      const run = queue.then(async () => {
        solver.push();
        try {
          return await work(solver);
        } finally {
          solver.pop();
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
  return { handle, terminate: () => (em as { PThread: { terminateAllThreads(): void } }).PThread.terminateAllThreads() };
}

/**
 * The shared z3 (init takes about a second, once per process).
 *
 * @example
 * const { context, exclusive } = await z3();
 * await exclusive(async (solver) => { solver.add(context.Int.const("x").gt(1)); return solver.check(); });
 */
export function z3(): Promise<Z3Handle> {
  shared ??= start();
  return shared.then((started) => started.handle);
}

/** Stops z3's worker threads so the process can exit; the next `z3()` starts a fresh instance. */
export async function shutdownZ3(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current !== undefined) (await current).terminate();
}
