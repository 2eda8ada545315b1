/**
 * A probe of the LangGraph API through the official SDK Client only: the steps a client or Studio takes
 * (assistants, threads, runs in every stream mode, interrupts, multitask, store, bad input). Each step throws
 * on a wrong answer; `runProbe` runs them in order against any server (switchyard serve in
 * test/src/server/sdk-contract.int.test.ts, the official dev server in bench/sdk-probe.ts).
 */
import { assistantSteps } from "./sdk-probe-assistants.ts";
import type { ProbeStep } from "./sdk-probe-kit.ts";
import { moreSteps } from "./sdk-probe-more.ts";
import { runSteps } from "./sdk-probe-runs.ts";

export { runProbe, type ProbeContext, type ProbeResult, type ProbeStep } from "./sdk-probe-kit.ts";

export const probeSteps: readonly ProbeStep[] = [...assistantSteps, ...runSteps, ...moreSteps];
