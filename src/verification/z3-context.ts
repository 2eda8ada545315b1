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
  /**
   * Parses a script's assertion into `solver`. One parser context serves every call and declares each
   * constant once: z3's `ast_from_string` builds a fresh SMT-LIB2 front end per call (~1.5 ms).
   */
  assertScript(solver: Solver<"main">, script: SmtScript): void;
}

/** SMT-LIB2 text for `assertScript`: constants (name to sort) and `(assert ...)` commands over them. */
export interface SmtScript {
  declarations: ReadonlyMap<string, "Int" | "Bool">;
  assertion: string;
}

/** Past this many declared names the parser context starts afresh, so plan symbols cannot grow it without bound. */
const MAX_DECLARED = 10_000;

/**
 * The longest one z3 check may run, in milliseconds. Plan proofs take about 1 ms once warm, but a cold or
 * loaded process needs far more: at 100 ms the prover's own warm-up proofs came back "unknown" in a CI run on
 * two busy cores. This bound is a guard against a pathological plan holding the event loop for good, not a
 * latency target; moving proofs to a worker is what would take them off the loop.
 */
export const PROOF_TIMEOUT_MS = 2_000;

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
  // Checks run synchronously on the event loop: a bound on each keeps one hard plan from freezing the server
  // (an undecided check is "unknown", which provePlan reports as an error naming the plan).
  for (const target of [solver, proofSolver]) target.set("timeout", PROOF_TIMEOUT_MS);
  let queue: Promise<unknown> = Promise.resolve();
  type ParserContext = ReturnType<typeof Z3.mk_parser_context>;
  let parser: { pointer: ParserContext; declared: Map<string, string> } | undefined;
  const dropParser = () => {
    if (parser !== undefined) Z3.parser_context_dec_ref(context.ptr, parser.pointer);
    parser = undefined;
  };
  const failure = () => {
    const code = Z3.get_error_code(context.ptr);
    return code === 0 ? undefined : Z3.get_error_msg(context.ptr, code);
  };
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
    assertScript(target: Solver<"main">, script: SmtScript) {
      if (parser !== undefined && parser.declared.size > MAX_DECLARED) dropParser();
      if (parser === undefined) {
        const pointer = Z3.mk_parser_context(context.ptr);
        Z3.parser_context_inc_ref(context.ptr, pointer);
        parser = { pointer, declared: new Map() };
      }
      let text = "";
      const added: string[] = [];
      for (const [name, sort] of script.declarations) {
        const known = parser.declared.get(name);
        if (known === sort) continue;
        if (known !== undefined) throw new Error(`z3 constant ${name} was declared as ${known}, now ${sort}; constant names must carry their sort`);
        text += `(declare-const ${name} ${sort})`;
        added.push(name);
      }
      const vector = Z3.parser_context_from_string(context.ptr, parser.pointer, text + script.assertion);
      const problem = failure();
      if (problem !== undefined) {
        // Which declarations of the failed text took effect is unknown: start the next parse afresh.
        dropParser();
        throw new Error(`z3 could not parse a plan encoding: ${problem}`);
      }
      for (const name of added) parser.declared.set(name, script.declarations.get(name) ?? "");
      Z3.ast_vector_inc_ref(context.ptr, vector);
      try {
        const size = Z3.ast_vector_size(context.ptr, vector);
        for (let index = 0; index < size; index += 1) Z3.solver_assert(context.ptr, target.ptr, Z3.ast_vector_get(context.ptr, vector, index));
      } finally {
        Z3.ast_vector_dec_ref(context.ptr, vector);
      }
    },
  };
  return {
    handle,
    terminate: () => {
      dropParser();
      module.PThread.terminateAllThreads();
    },
  };
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
