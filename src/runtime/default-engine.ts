import { startEngine, type StartedEngine } from "./start-engine.ts";

let shared: Promise<StartedEngine> | undefined;

/**
 * The process-wide engine for runs that bring none (LangGraph Studio, the dev server): the config named
 * by SWITCHYARD_CONFIG, else the built-in default on in-process emulators. Started once, on first use.
 */
export function defaultEngine(): Promise<StartedEngine> {
  shared ??= startEngine(process.env.SWITCHYARD_CONFIG ? { configPath: process.env.SWITCHYARD_CONFIG } : {});
  return shared;
}
