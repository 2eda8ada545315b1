import { SwitchyardError } from "../errors.ts";
import type { OutputProvider } from "./schema-unsupported-error.ts";

/**
 * A registered output schema the gateway cannot carry to a model and back, found before any backend call:
 * a zod type with no JSON form, a transform (the answer validates once, then its transformed value no
 * longer matches the schema), or a construct no allowed mode of a candidate provider can express.
 *
 * @example
 * // schema_id "invoice" with total: z.string().transform(Number)
 * // -> request.schema_id "invoice" cannot be carried: a .transform() at schema path total; Fix: ...
 */
export class SchemaNotCarriableError extends SwitchyardError {
  readonly schemaId: string;
  /** Where in the schema: `entities[].name`, or "" for the root. */
  readonly path: string;
  /** What was found there, in words. */
  readonly construct: string;
  /** The provider that cannot carry it, when the refusal is provider-specific. */
  readonly provider: OutputProvider | undefined;

  constructor(options: { schemaId: string; path: string; construct: string; fix: string; provider?: OutputProvider }) {
    const who = options.provider === undefined ? "" : ` to ${options.provider}`;
    super(
      "schema_unsupported",
      `request.schema_id "${options.schemaId}" cannot be carried${who}: ${options.construct} at schema path ${options.path || "(root)"}. Fix: ${options.fix}`,
    );
    this.schemaId = options.schemaId;
    this.path = options.path;
    this.construct = options.construct;
    this.provider = options.provider;
  }
}
