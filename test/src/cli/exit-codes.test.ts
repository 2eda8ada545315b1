import { UsageError } from "../../../src/cli/args.ts";
import { EXIT_CODES, exitCodeOf, exitCodeOfError } from "../../../src/cli/exit-codes.ts";
import { ConfigError } from "../../../src/config/index.ts";
import { SwitchyardError } from "../../../src/errors.ts";
import { SchemaNotCarriableError } from "../../../src/output-modes/index.ts";
import { UnknownModelGroupError } from "../../../src/runtime/unknown-model-group-error.ts";

describe("exit codes of a run's final state", () => {
  it.each([
    [{ status: "succeeded" }, 0],
    [{ status: "rejected", error: { code: "model_group_unknown" } }, 2],
    [{ status: "rejected", error: { code: "input_invalid" } }, 2],
    [{ status: "rejected", error: { code: "schema_unsupported" } }, 2],
    [{ status: "failed", error: { code: "no_deployment_available" } }, 3],
    [{ status: "failed", error: { code: "deadline_exceeded" } }, 3],
    // The check could not run (a verification worker crashed or overran): retry, nothing refused the request.
    [{ status: "failed", error: { code: "verification_unavailable" } }, 3],
    [{ status: "pending" }, 3],
    [{ status: "awaiting_approval" }, 4],
    [{ status: "pending", __interrupt__: [{ value: { question: "approve?" } }] }, 4],
    [{ status: "rejected", error: { code: "rejected" } }, 5],
    [{ status: "failed", error: { code: "policy_violation" } }, 5],
  ] as const)("%j exits %i", (state, code) => {
    expect(exitCodeOf(state)).toBe(code);
  });
});

describe("exit codes of a thrown error", () => {
  it("usage and config errors are 1, whatever their error code", () => {
    expect(exitCodeOfError(new UsageError("usage: switchyard run ..."))).toBe(EXIT_CODES.usage);
    expect(exitCodeOfError(new ConfigError("x.yaml", [{ path: "a", message: "bad", fix: "fix it" }]))).toBe(EXIT_CODES.usage);
  });

  it("a request refused up front is 2, a failure after backends 3, anything else from switchyard 1", () => {
    expect(exitCodeOfError(new UnknownModelGroupError("extrct", ["extract"]))).toBe(2);
    expect(exitCodeOfError(new SchemaNotCarriableError({ schemaId: "s", path: "a", construct: "a date", fix: "use a string" }))).toBe(2);
    expect(exitCodeOfError(new SwitchyardError("deadline_exceeded", "late"))).toBe(3);
    expect(exitCodeOfError(new SwitchyardError("thread_busy", "thread \"t\" is busy"))).toBe(EXIT_CODES.busy);
    expect(exitCodeOfError(new SwitchyardError("input_too_large", "too large"))).toBe(EXIT_CODES.rejected);
    expect(exitCodeOfError(new SwitchyardError("checkpoint_invalid", "broken row"))).toBe(1);
  });

  it("an error that is not a SwitchyardError is a bug: 70", () => {
    expect(exitCodeOfError(new TypeError("x is undefined"))).toBe(70);
  });
});
