import { defaultConfigInput } from "../../src/config/index.ts";
import { quietProfile, startEmulators, workloadOracle, type RunningEmulators } from "../../src/emulators/index.ts";

/** Personal data the emulator plants in every answer: verification must redact it before any client sees it. */
export const plantedPii = ["ann.lee@example.com", "4111 1111 1111 1111"] as const;

/**
 * An OpenAI emulator whose answers carry {@link plantedPii} in the first entity, and a config input (not yet
 * parsed) routing one group to it with verification on and PII redacted. Shared by the streaming leak tests.
 */
export async function startPlantedPiiBackend(): Promise<{ emulators: RunningEmulators; configInput: ReturnType<typeof defaultConfigInput> }> {
  const emulators = await startEmulators({
    profile: quietProfile(),
    seed: 16,
    oracle: (prompt, schema) => {
      const gold = workloadOracle(prompt, schema);
      if (typeof gold !== "object" || gold === null || !("entities" in gold) || !Array.isArray(gold.entities)) return gold;
      return { ...gold, entities: [{ name: `Ann, ${plantedPii[0]}, card ${plantedPii[1]}`, type: "person" }, ...gold.entities.slice(1)] };
    },
  });
  process.env.SWITCHYARD_TEST_OPENAI_KEY = "test-key";
  const base = defaultConfigInput();
  const openai = { ...base.deployments[0]!, base_url: emulators.urls.openai, api_key_env: "SWITCHYARD_TEST_OPENAI_KEY" };
  const configInput = { ...base, deployments: [openai], model_groups: [{ name: "extract", deployments: [openai.id], strategy: "weighted" as const }], verification: { enabled: true, pii: { strategy: "redact" as const } } };
  return { emulators, configInput };
}
