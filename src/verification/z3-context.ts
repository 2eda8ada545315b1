import { init, type Context, type Solver } from "z3-solver";

/** The process-wide z3 instance: one WASM module, one context, one solver used with push/pop. */
export interface Z3Handle {
  context: Context<"main">;
  solver: Solver<"main">;
  /**
   * A plain SMT solver (no preprocessing tactics) for plan proofs: on their small linear formulas it
   * checks in a fraction of the default solver's time.
   */
  proofSolver: Solver<"main">;
  /**
   * Runs `work` alone on a shared solver (`solver` unless `target` is given) inside push/pop: proofs
   * are async and every z3 call goes through one context, so interleaved work would mix them.
   */
  exclusive<T>(work: (solver: Solver<"main">) => Promise<T>, target?: Solver<"main">): Promise<T>;
  /**
   * Checks the solver on the calling thread. `solver.check()` hands every check to a WASM worker
   * thread and resolves through a timer: 2–9 ms even for an empty formula. The small linear formulas
   * of plan proofs take well under a millisecond, so blocking the event loop for them is the cheaper
   * choice; use `solver.check()` for formulas that may take long.
   */
  checkNow(solver: Solver<"main">): "sat" | "unsat" | "unknown";
}

/** The synchronous entry point of the Emscripten module (the typed wrapper only exposes the async one). */
interface EmscriptenModule {
  _Z3_solver_check(context: number, solver: number): number;
  PThread: { terminateAllThreads(): void };
}

let shared: Promise<{ handle: Z3Handle; terminate: () => void }> | undefined;

async function start(): Promise<{ handle: Z3Handle; terminate: () => void }> {
  const { Context: makeContext, em, Z3 } = await init();
  const module = em as EmscriptenModule;
  const context = makeContext("main");
  const solver = new context.Solver();
  // The typed constructor only takes a logic name; the implementation also takes a solver pointer.
  const SolverFromPointer = context.Solver as unknown as new (pointer: unknown) => Solver<"main">;
  const proofSolver = new SolverFromPointer(Z3.mk_simple_solver(context.ptr));
  let queue: Promise<unknown> = Promise.resolve();
  const handle: Z3Handle = {
    context,
    solver,
    proofSolver,
    exclusive<T>(work: (solver: Solver<"main">) => Promise<T>, target: Solver<"main"> = solver): Promise<T> {
      const run = queue.then(async () => {
        target.push();
        try {
          return await work(target);
        } finally {
          target.pop();
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    checkNow(target: Solver<"main">) {
      const result = module._Z3_solver_check(context.ptr as unknown as number, target.ptr as unknown as number);
      const code = Z3.get_error_code(context.ptr);
      if (code !== 0) throw new Error(`z3 check failed: ${Z3.get_error_msg(context.ptr, code)}`);
      return result === 1 ? "sat" : result === -1 ? "unsat" : "unknown";
    },
  };
  return { handle, terminate: () => module.PThread.terminateAllThreads() };
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
