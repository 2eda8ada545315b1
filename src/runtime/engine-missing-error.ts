import { SwitchyardError } from "../errors.ts";

/**
 * A graph ran without an engine in its runtime context. There is no silent default: a default would have to
 * pick backends (and once started emulators), so a forgotten engine would answer from fake models.
 *
 * @example
 * await compileGateway().invoke({ request }, { configurable: { thread_id: "t1" } }); // EngineMissingError
 * await compileGateway().invoke({ request }, { configurable: { thread_id: "t1" }, context: { engine } }); // runs
 */
export class EngineMissingError extends SwitchyardError {
  /** Which node or edge asked for the engine. */
  readonly where: string;

  constructor(where: string) {
    super(
      "engine_missing",
      `${where} ran without an engine: the run's context.engine is undefined. Fix: pass one, e.g. graph.invoke(input, { configurable: { thread_id }, context: { engine } }) with engine from startEngine() or createGateway().engine; Studio loads scripts/studio.ts, which passes the default engine.`,
    );
    this.where = where;
  }
}
