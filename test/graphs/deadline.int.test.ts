import { describe, expect, it } from "vitest";
import { createGateway } from "../../graphs/index.ts";
import { quietProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { workloadTasks } from "../../src/workload/index.ts";

const tasks = workloadTasks();

/**
 * Issue #14 item 7 on the real gateway graph: Gemini's and Ollama's clients take the abort signal and keep
 * waiting for the backend. The clock is injected and jumps to the timeout's end when it fires, so the request's
 * end is read on the same clock as its deadline; the backend answers only after 3 s of real time.
 */
describe("the deadline on the gateway graph", () => {
  it.each(["gemini-2.5-flash", "ollama-llama3.1", "openai-gpt-4o-mini"])("%s: a call slower than the deadline ends the request by its deadline", async (deployment) => {
    const profile = quietProfile();
    let offset = 0;
    // The injected clock moves only when a timeout fires or the gateway sleeps: real time spent by a loaded
    // machine between the abort and the run's end must not count against the deadline slack.
    const base = Date.now();
    const now = () => base + offset;
    const budgets: number[] = [];
    // The attempt's timeout, on the injected clock: fires 20 ms (real) later, moving the clock to its end.
    const timeout = (ms: number) => {
      budgets.push(ms);
      const controller = new AbortController();
      setTimeout(() => {
        offset += ms;
        controller.abort(new DOMException("attempt timed out", "TimeoutError"));
      }, 20);
      return controller.signal;
    };
    const gateway = await createGateway({ emulators: emulatorLauncher({ profile: profile }), checkpoints: ":memory:", now, timeout, sleep: async (ms) => void (offset += ms) });
    try {
      await gateway.invoke({ input: tasks[1]!.input, deployment }, { threadId: "warm" });
      for (const backend of ["openai", "gemini", "ollama"] as const) profile.backends[backend].latency = { ttftMs: 3_000, tokensPerSecond: 1_000_000, jitterMs: 0 };
      gateway.engine.emulators?.setProfile(profile);
      budgets.length = 0;
      const realStart = Date.now();
      const state = await gateway.invoke({ input: tasks[0]!.input, deployment, deadline_ms: 1_000, max_attempts: 1 }, { threadId: "late" });
      expect(state.status).toBe("failed");
      expect(state.attempts[0]?.error_class).toBe("timeout");
      // The attempt's budget is capped by the time left, and the request ends by its deadline (+ a small slack).
      expect(budgets[0]).toBeLessThanOrEqual(1_000);
      expect(now() - state.deadline_at!).toBeLessThanOrEqual(100);
      // Without the race the client would have waited for the backend's 3 s.
      expect(Date.now() - realStart).toBeLessThan(2_000);
    } finally {
      await gateway.close();
    }
  }, 30_000);
});
