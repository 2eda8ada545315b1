import type { SwitchyardConfig } from "../../src/config/schema.ts";
import { resolveBehaviour, type EmulatorProfile } from "../../src/emulators/index.ts";
import type { ModeOutcome } from "../../src/output-modes/mode-statistics.ts";

/**
 * The latency a (deployment, mode) call takes by the emulator profile's own latency model, without its seeded
 * jitter: what the policy learns from in the triad bench instead of measured wall time, which follows the
 * machine's load and made one seed read differently run to run. Only the time to first token: the outcome
 * carries input and output tokens together, the emulator's generation time depends on output tokens alone
 * (charging the input would make the long-prompt modes look hundreds of ms slower than the emulator is), and
 * the modes' outputs differ by tens of tokens (~10 ms). `profile` is read at each call, so a drift applies.
 *
 * @example
 * gateway.engine.policy.measureLatencyWith(emulatedLatency(config, () => profile));
 */
export function emulatedLatency(config: SwitchyardConfig, profile: () => EmulatorProfile): (outcome: ModeOutcome) => number {
  const deployments = new Map(config.deployments.map((deployment) => [deployment.id, deployment]));
  return (outcome) => {
    const deployment = deployments.get(outcome.deployment);
    if (deployment === undefined) return outcome.latencyMs;
    const provider = deployment.provider === "google-genai" ? "gemini" : deployment.provider;
    const { latency } = resolveBehaviour(profile(), provider, deployment.model, outcome.mode);
    return latency.ttftMs;
  };
}
