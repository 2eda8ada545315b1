import { SwitchyardError } from "../errors.ts";

/** Which provider a schema is being prepared for. */
import type { Provider as OutputProvider } from "../config/providers.ts";
export type { OutputProvider };

/**
 * A schema a provider's native structured output cannot express. Names the provider, the schema path and
 * the construct, so the fix (reshape the schema, or use the compressed/reconstruct modes) is obvious.
 */
export class SchemaUnsupportedError extends SwitchyardError {
  readonly provider: OutputProvider;
  readonly path: string;
  readonly construct: string;
  /** What would let the schema through. */
  readonly fix: string;

  constructor(provider: OutputProvider, path: string, construct: string, fix: string) {
    super("schema_unsupported", `${provider} structured output cannot express ${construct} at schema path ${path || "(root)"}; ${fix}`);
    this.provider = provider;
    this.path = path;
    this.construct = construct;
    this.fix = fix;
  }
}

/** Joins a schema path the way error messages print it: `entities[].name`. */
export function childPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
