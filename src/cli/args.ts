import { parseArgs, type ParseArgsConfig } from "node:util";
import { SwitchyardError } from "../errors.ts";

export class UsageError extends SwitchyardError {
  constructor(message: string) {
    super("input_invalid", message);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;
/** What parseArgs returns for a config (node:util declares the type but does not export its name). */
type ParsedResults<C extends ParseArgsConfig> = ReturnType<typeof parseArgs<C>>;

/** node:util parseArgs, with errors that say which command and flag, and how to see the usage. */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T): ParsedResults<{ args: string[]; options: T; allowPositionals: true; strict: true }> {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`switchyard ${command}: ${reason}. Run "switchyard help" for the flags.`);
  }
}


export function intFlag(command: string, name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new UsageError(`switchyard ${command}: --${name} must be a positive whole number, got "${value}".`);
  }
  return parsed;
}
