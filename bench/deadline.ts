/**
 * How far past its deadline a request ends when the backend is slower than the deadline (issue #14 item 7).
 * Baseline, measured in the same run: the provider's LangChain client given the same abort signal on its own,
 * which Gemini's and Ollama's clients do not stop for. Every backend answers its first token after 2.5 s; each
 * request has a 1 s deadline and one attempt. Clients and encoders are warmed first: their one-off start-up
 * blocks the event loop, which no timer can cut short.
 */
import { HumanMessage } from "@langchain/core/messages";
import { createGateway } from "../graphs/index.ts";
import { quietProfile, emulatorLauncher } from "../src/emulators/index.ts";
import { workloadTasks } from "../src/workload/index.ts";
import type { BenchFigure, BenchResult } from "./types.ts";

const deadlineMs = 1_000;
const rounds = 3;
const deployments = ["openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"] as const;

export async function run(): Promise<BenchResult> {
  const tasks = workloadTasks();
  const profile = quietProfile();
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: profile }), checkpoints: ":memory:" });
  const figures: BenchFigure[] = [];
  try {
    for (const deployment of deployments) await gateway.invoke({ input: tasks[1]!.input, deployment }, { threadId: `warm-${deployment}` });
    for (const backend of ["openai", "gemini", "ollama"] as const) profile.backends[backend].latency = { ttftMs: 2_500, tokensPerSecond: 1_000_000, jitterMs: 0 };
    gateway.engine.emulators?.setProfile(profile);
    for (const deployment of deployments) {
      let gatewayLate = 0;
      let clientLate = 0;
      for (let round = 0; round < rounds; round += 1) {
        const state = await gateway.invoke({ input: tasks[0]!.input, deployment, deadline_ms: deadlineMs, max_attempts: 1 }, { threadId: `deadline-${deployment}-${round}` });
        gatewayLate = Math.max(gatewayLate, Date.now() - (state.deadline_at ?? Date.now()));
        const startedAt = Date.now();
        await gateway.engine
          .model(deployment)
          .invoke([new HumanMessage(tasks[0]!.input)], { signal: AbortSignal.timeout(deadlineMs) })
          .catch(() => undefined);
        clientLate = Math.max(clientLate, Date.now() - startedAt - deadlineMs);
      }
      figures.push({
        metric: `${deployment}: worst time past a ${deadlineMs} ms deadline`,
        value: Math.max(0, gatewayLate),
        unit: "ms",
        goal: 100,
        baseline: `the bare client with the same signal: ${Math.max(0, clientLate)} ms`,
        ratio: Math.max(0, gatewayLate) / Math.max(1, clientLate),
      });
    }
  } finally {
    await gateway.close();
  }
  return { name: "deadline", figures };
}
