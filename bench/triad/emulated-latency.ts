import type { SwitchyardConfig } from "../../src/config/schema.ts";
import { resolveBehaviour, type EmulatorProfile } from "../../src/emulators/index.ts";
import type { ModeOutcome } from "../../src/output-modes/mode-statistics.ts";

/**
 * The latency a (deployment, mode) call takes by the emulator profile's own latency model, without its seeded
 * jitter: time to first token plus the answer's output tokens at the profile's tokens per second. What the
 * policy learns from in the triad bench instead of measured wall time, which follows the machine's load and
 * made one seed read differently run to run. The outcome carries input and output tokens together; on a paid
 * deployment the output tokens follow exactly from the cost (`src/backends/cost.ts`); on a free one they
 * cannot, and only the time to first token is charged (its modes then differ by cost, i.e. tokens, alone).
 * `profile` is read at each call, so a drift switch applies.
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
    return latency.ttftMs + (outputTokens(outcome, deployment.price) / latency.tokensPerSecond) * 1000;
  };
}

/** cost = (input x in + output x out) / 1e6 and tokens = input + output, solved for output; 0 when prices tie. */
function outputTokens(outcome: ModeOutcome, price: { input_per_1m: number; output_per_1m: number }): number {
  const spread = price.output_per_1m - price.input_per_1m;
  if (spread <= 0) return 0;
  const output = (outcome.costUsd * 1_000_000 - outcome.tokens * price.input_per_1m) / spread;
  return Math.min(outcome.tokens, Math.max(0, Math.round(output)));
}
