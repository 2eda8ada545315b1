import { commandFlags } from "../command-flags.ts";
import { loadEmulatorProfile, startEmulators } from "../../emulators/index.ts";
import { intFlag, parseCommandArgs } from "../args.ts";

/** Serves the emulators on chosen ports so any client (curl, another gateway) can hit them. */
export async function emulateCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs("emulate", argv, commandFlags.emulate);
  const running = await startEmulators({
    ...(values.profile ? { profile: loadEmulatorProfile(values.profile) } : {}),
    seed: intFlag("emulate", "seed", values.seed, 7),
    ports: {
      openai: intFlag("emulate", "openai-port", values["openai-port"], 18080),
      gemini: intFlag("emulate", "gemini-port", values["gemini-port"], 18081),
      ollama: intFlag("emulate", "ollama-port", values["ollama-port"], 18082),
    },
  });
  console.log(`OpenAI  ${running.urls.openai}\nGemini  ${running.urls.gemini}\nOllama  ${running.urls.ollama}\nCtrl-C stops them.`);
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  await running.close();
}
