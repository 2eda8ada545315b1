import { commandFlags } from "../command-flags.ts";
import { emulatorLauncher } from "../../emulators/index.ts";
import { parseCommandArgs } from "../args.ts";
import type { DoctorFinding } from "../doctor/doctor-finding.ts";
import { runDoctor } from "../doctor/run-doctor.ts";
import { EXIT_CODES } from "../exit-codes.ts";

const usage = "usage: switchyard doctor [--config FILE] [--checkpoints URL] [--json]\n  checks config, deployments, checkpoint file, Postgres/Redis, clock, disk and guardian incidents; exit 1 when any fails";

/** One line per check; a failure adds its fix on the next line. */
export function formatFindings(findings: readonly DoctorFinding[]): string {
  const width = Math.max(...findings.map((finding) => finding.check.length));
  return findings
    .map((finding) => `${finding.ok ? "ok  " : "FAIL"}  ${finding.check.padEnd(width)}  ${finding.message}${finding.ok ? "" : `\n      ${" ".repeat(width)}  Fix: ${finding.fix ?? "-"}`}`)
    .join("\n");
}

/**
 * `switchyard doctor`: the troubleshooting path (config, dependencies, storage, clock, disk, guardian) as one
 * command. Prints every check; exits 1 when any failed, each failure with its fix.
 */
export async function doctorCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("doctor", argv, commandFlags.doctor);
  if (values.help) {
    console.log(usage);
    return EXIT_CODES.succeeded;
  }
  const findings = await runDoctor({
    ...(values.config ? { configPath: values.config } : {}),
    ...(values.checkpoints ? { checkpoints: values.checkpoints } : {}),
    // Emulated deployments (the built-in default) are checked against emulators started for the check.
    startEmulators: () => emulatorLauncher()({ seed: 7, profilePath: undefined }),
  });
  const failures = findings.filter((finding) => !finding.ok);
  if (values.json) console.log(JSON.stringify({ ok: failures.length === 0, findings }));
  else console.log(`${formatFindings(findings)}\n\n${failures.length === 0 ? "all checks passed" : `${failures.length} check(s) failed`}`);
  return failures.length === 0 ? EXIT_CODES.succeeded : EXIT_CODES.usage;
}
