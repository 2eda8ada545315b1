/**
 * The graphs langgraph.json lists (Studio, `npm run dev`), each bound to one engine explicitly: the config
 * named by SWITCHYARD_CONFIG, else the built-in default with its backends emulated (this is a dev entry,
 * the outer shell, so it may start the emulators). The dev server supplies its own checkpointer and store,
 * and passes every run a `context` of its own (`{}` when the client sent none), which replaces one bound with
 * `withConfig`: so the engine is also bound for the process (`bindProcessEngine`), which runs without one use.
 * The list itself is graphs/all-graphs.ts, which `switchyard serve` builds from too.
 */
import { compileAllGraphs } from "../graphs/all-graphs.ts";
import { emulatorLauncher } from "../src/emulators/index.ts";
import { bindProcessEngine } from "../nodes/context.ts";
import { startEngine } from "../src/runtime/start-engine.ts";

const engine = await startEngine({
  ...(process.env.SWITCHYARD_CONFIG ? { configPath: process.env.SWITCHYARD_CONFIG } : {}),
  emulators: emulatorLauncher({ thread: "worker" }),
});
bindProcessEngine(engine);
const withEngine = { context: { engine } };
const graphs = compileAllGraphs();

export const gateway = graphs.gateway.withConfig(withEngine);
export const router = graphs.router.withConfig(withEngine);
export const memory = graphs.memory.withConfig(withEngine);
export const guardian = graphs.guardian.withConfig(withEngine);
export const verification = graphs.verification.withConfig(withEngine);
export const supportAgent = graphs["support-agent"].withConfig(withEngine);
