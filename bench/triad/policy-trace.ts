/**
 * Diagnostic: what the adaptive policy believed when it chose, for one backend of a profile. Runs the
 * adaptive arm of the triad study (sequential, shadows settled, the simulated user's delayed feedback, the
 * guardian on) and prints, every `--every` requests, each mode's belief (mean, sd, lower bound), its evidence
 * (discounted calls, valid share, verdicts and their right share) and the share of first attempts per mode
 * and reason since the last print. Gold only scores and plays the user, as in the study.
 *
 * @example
 * npx tsx bench/triad/policy-trace.ts --profile profiles/heldout7-static-reconstruct-twice.yaml --deployment openai-gpt-4o-mini --seed 7
 */
import { parseArgs } from "node:util";
import { createGateway } from "../../graphs/create-gateway.ts";
import { defaultGuardianConfig } from "../../src/config/guardian-config.ts";
import { loadConfig } from "../../src/config/load.ts";
import { emulatorLauncher, loadEmulatorProfile, defaultProfile } from "../../src/emulators/index.ts";
import { OUTPUT_MODES } from "../../src/output-modes/protocol.ts";
import { seededRandom } from "../../src/workload/seeded-random.ts";
import { isCorrect, workloadTasks, type WorkloadTask } from "../../src/workload/index.ts";
import { emulatedLatency } from "./emulated-latency.ts";
import { SimulatedUser } from "./simulated-user.ts";

const { values } = parseArgs({
  options: {
    profile: { type: "string" },
    drift: { type: "string" },
    "drift-at": { type: "string", default: "0.5" },
    deployment: { type: "string", default: "openai-gpt-4o-mini" },
    seed: { type: "string", default: "7" },
    requests: { type: "string", default: "200" },
    every: { type: "string", default: "20" },
  },
});
const seed = Number(values.seed);
const requests = Number(values.requests);
const every = Number(values.every);
const loaded = loadConfig().config;
const profile = values.profile === undefined ? defaultProfile() : loadEmulatorProfile(values.profile);
const drift = values.drift === undefined ? undefined : loadEmulatorProfile(values.drift);
const config = {
  ...loaded,
  emulators: { ...loaded.emulators, seed },
  guardian: { ...defaultGuardianConfig(), ...loaded.guardian, enabled: true },
  output_modes: { ...loaded.output_modes, policy: "adaptive" as const, shadow: { rate: 0.05, max_concurrent: 2, weight: 0.5, arbitrate: true } },
};
const gateway = await createGateway({ checkpoints: ":memory:", emulators: emulatorLauncher({ profile }), config, random: seededRandom(seed * 7919 + 17).next });
let current = profile;
gateway.engine.policy.measureLatencyWith(emulatedLatency(config, () => current));
const user = new SimulatedUser({ rate: 0.15, delay: 20, seed, send: (body) => gateway.feedback(body) });
const tasks = workloadTasks();
const policy = gateway.engine.policy;
const target = values.deployment;
const backends = config.deployments.map((deployment) => deployment.id);
const driftIndex = drift === undefined ? undefined : Math.floor(requests * Number(values["drift-at"]));
let window: string[] = [];
let correct = 0;
// Answers after which the router held the traced deployment in cooldown: no shadow partner then (start-engine's canServe).
let cooling = 0;
const pct = (value: number) => (value * 100).toFixed(1);
try {
  for (let index = 0; index < requests; index += 1) {
    if (drift !== undefined && index === driftIndex) {
      current = drift;
      gateway.engine.emulators?.setProfile(drift);
      console.log(`-- drift at ${index}`);
    }
    const task = tasks[index % tasks.length] as WorkloadTask;
    for (const deployment of backends) {
      const state = await gateway.invoke({ input: task.input, task_id: task.id, deployment }, { threadId: `trace-${index}-${deployment}` });
      await gateway.engine.shadow.drain();
      const right = state.output?.valid === true && isCorrect(task.gold, state.output.structured);
      if (deployment === target) {
        if ((await gateway.engine.routing.router.status()).find((status) => status.id === target)?.coolingDown === true) cooling += 1;
        const first = state.attempts[0];
        window.push(`${first?.mode}:${(first?.reason ?? "").split(":")[0]}`);
        if (right) correct += 1;
      }
      await user.answered(state.output?.request_id, right);
    }
    if ((index + 1) % every === 0) {
      const shares = new Map<string, number>();
      for (const item of window) shares.set(item, (shares.get(item) ?? 0) + 1);
      console.log(`#${index + 1} correct so far ${pct(correct / (index + 1))} %; cooling down after ${cooling} of ${window.length} answers; first attempts: ${[...shares.entries()].map(([name, count]) => `${name} ${count}`).join(", ")}`);
      cooling = 0;
      for (const mode of OUTPUT_MODES) {
        const belief = policy.belief(target, mode);
        const row = policy.statisticsOf(target, mode);
        console.log(
          `   ${mode.padEnd(11)} mean ${pct(belief.mean)} sd ${pct(belief.sd)} lb ${pct(belief.mean - belief.sd)} | calls ${row?.count ?? 0} w ${(row?.weight ?? 0).toFixed(1)} valid ${pct((row?.valid ?? 0) / Math.max(1e-9, row?.weight ?? 0))} | verdicts ${(row?.evidence ?? 0).toFixed(1)} right ${pct((row?.evidenceScore ?? 0) / Math.max(1e-9, row?.evidence ?? 0))} (fb ${row?.feedbackCount ?? 0}, sh ${row?.shadowCount ?? 0}) | cost ${((row?.costEwma ?? 0) * 1e6).toFixed(1)} µ$ lat ${(row?.latencyEwma ?? 0).toFixed(0)} ms${policy.suspect(target, mode) ? " SUSPECT" : ""}`,
        );
      }
      window = [];
    }
  }
  await user.flush();
} finally {
  await gateway.close();
}
