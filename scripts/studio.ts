/**
 * The graphs langgraph.json lists (Studio, `npm run dev`), each bound to one engine explicitly: the config
 * named by SWITCHYARD_CONFIG, else the built-in default with its backends emulated (this is a dev entry,
 * the outer shell, so it may start the emulators). The dev server supplies its own checkpointer and store,
 * and passes every run a `context` of its own (`{}` when the client sent none), which replaces one bound with
 * `withConfig`: so the engine is also bound for the process (`bindProcessEngine`), which runs without one use.
 */
import { compileGateway } from "../graphs/gateway.ts";
import { buildGuardianGraph } from "../graphs/guardian.ts";
import { compileMemory } from "../graphs/memory.ts";
import { buildRouterGraph } from "../graphs/router.ts";
import { supportAgentGraph } from "../graphs/support-agent.ts";
import { buildVerificationGraph } from "../graphs/verification.ts";
import { emulatorLauncher } from "../src/emulators/index.ts";
import { bindProcessEngine } from "../nodes/context.ts";
import { startEngine } from "../src/runtime/start-engine.ts";

const engine = await startEngine({
  ...(process.env.SWITCHYARD_CONFIG ? { configPath: process.env.SWITCHYARD_CONFIG } : {}),
  emulators: emulatorLauncher({ thread: "worker" }),
});
bindProcessEngine(engine);
const withEngine = { context: { engine } };

export const gateway = compileGateway().withConfig(withEngine);
export const router = buildRouterGraph().compile({ name: "router" }).withConfig(withEngine);
export const memory = compileMemory().withConfig(withEngine);
export const guardian = buildGuardianGraph().compile({ name: "guardian" }).withConfig(withEngine);
export const verification = buildVerificationGraph().compile({ name: "verification" }).withConfig(withEngine);
export const supportAgent = supportAgentGraph.withConfig(withEngine);
