import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PolicyTrace } from "./triad-policies.ts";
import type { TriadSample } from "./triad-report.ts";

/** What a fixed-mode run of the policy comparison produced: enough to score and pair it again. */
export interface FixedRunRecord {
  samples: TriadSample[];
  traces: PolicyTrace[];
}

/**
 * Keeps fixed-mode runs of the triad study on disk (`--reuse-fixed DIR`). A fixed run does not depend on the
 * adaptive policy: with the same profile, seed and request count it meets the same emulator draws, so a
 * policy change can be measured against the very same fixed answers (a paired comparison) at a quarter of
 * the cost. The key names everything the run depends on except the code: use a fresh directory after a change
 * to the emulators, codecs or gateway.
 *
 * @example
 * const cache = new FixedRunCache(".switchyard/triad-fixed");
 * const key = fixedRunKey({ scenario: profileKey(profile), seed: 7, requests: 200, mode: "emit" });
 * const record = cache.read(key) ?? (await runFixed());
 */
export class FixedRunCache {
  constructor(private readonly dir: string) {}

  read(key: string): FixedRunRecord | undefined {
    const file = this.file(key);
    if (!fs.existsSync(file)) return undefined;
    return JSON.parse(fs.readFileSync(file, "utf8")) as FixedRunRecord;
  }

  write(key: string, record: FixedRunRecord): void {
    fs.mkdirSync(this.dir, { recursive: true });
    fs.writeFileSync(this.file(key), `${JSON.stringify(record)}\n`);
  }

  private file(key: string): string {
    return path.join(this.dir, `${createHash("sha256").update(key).digest("hex").slice(0, 24)}.json`);
  }
}

/** The cache key of one fixed run: the scenario (its profiles), seed, request count, drift point and mode. */
export function fixedRunKey(parts: { scenario: string; seed: number; requests: number; driftAt?: number | undefined; mode: string }): string {
  return JSON.stringify([parts.scenario, parts.seed, parts.requests, parts.driftAt ?? null, parts.mode]);
}

/** A scenario's identity for the cache: its profile and drift profile, as data. */
export function profileKey(profile: unknown, drift?: unknown): string {
  return createHash("sha256").update(JSON.stringify({ profile, drift: drift ?? null })).digest("hex");
}
