/**
 * The guardian's per-request update (observe + evaluate) of two checkouts in one process, alternated in passes
 * of 20,000 requests over 9 (deployment, mode) keys: a change's cost measured against its base on the same
 * machine at the same moment. `vary` gives the answers varied lengths (latency rising with them), which
 * exercises the length fit; without it every answer has 60 tokens.
 *
 *   GUARDIAN_AB_ROOTS=/path/to/base,/path/to/head npx tsx bench/guardian-ab.ts [vary]
 */
import { performance } from "node:perf_hooks";
import { seededRandom } from "../src/workload/seeded-random.ts";

interface GuardianLike {
  observe(attempt: object): void;
  evaluate(): unknown;
}

const roots = (process.env.GUARDIAN_AB_ROOTS ?? `${process.cwd()},${process.cwd()}`).split(",");
const vary = process.argv[2] === "vary";
const passes = Number(process.env.GUARDIAN_AB_PASSES ?? 6);
const random = seededRandom(9);
const deployments = ["a", "b", "c"];
const modes = ["emit", "compressed", "reconstruct"];
const samples = Array.from({ length: 20_000 }, (_, index) => {
  const output = vary ? 40 + Math.floor(random.next() * 200) : 60;
  const latency = (vary ? 20 + output * 0.5 : 40) * Math.exp((random.next() - 0.5) * 0.4);
  return { deployment: deployments[index % 3], mode: modes[Math.floor(index / 3) % 3], outcome: "ok", latency_ms: latency, input_tokens: 250, output_tokens: output, cost_usd: 1e-4 };
});

async function guardianOf(root: string): Promise<GuardianLike> {
  const { Guardian } = (await import(`${root}/src/guardian/guardian.ts`)) as { Guardian: new (options: object) => GuardianLike };
  const { defaultGuardianConfig } = (await import(`${root}/src/config/guardian-config.ts`)) as { defaultGuardianConfig: () => object };
  let clock = 0;
  return new Guardian({ config: defaultGuardianConfig(), now: () => (clock += 50) });
}

async function main(): Promise<void> {
  const guardians = await Promise.all(roots.map(guardianOf));
  const times = roots.map((): number[] => []);
  for (let pass = 0; pass < passes; pass++) {
    guardians.forEach((guardian, index) => {
      const started = performance.now();
      for (const sample of samples) {
        guardian.observe(sample);
        guardian.evaluate();
      }
      times[index]?.push((performance.now() - started) / samples.length);
    });
  }
  // The first pass warms each guardian up (its baseline fills): left out.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  roots.forEach((root, index) => console.log(`${root}: ms per request, passes ${times[index]?.map((value) => value.toFixed(4)).join(" ")}; median after the first ${median(times[index]?.slice(1) ?? []).toFixed(4)}`));
}

await main();
