import type { RunnableConfig } from "@langchain/core/runnables";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { ServableGraph } from "../../../src/server/index.ts";

const State = Annotation.Root({ done: Annotation<string[]>({ reducer: (left, right) => [...left, ...right], default: () => [] }) });

/** Waits `milliseconds` or until the run is cancelled, whichever is first. */
function pause(milliseconds: number, config: RunnableConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("cancelled"));
    };
    // The listener goes when the wait ends: a gate polled every 10 ms would otherwise pile them onto one signal.
    const timer = setTimeout(() => {
      config.signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    config.signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A graph whose one step waits for the test to open its thread's gate (`gates.open(threadId)`), so a test
 * knows a run is in flight on the replica that executes it.
 */
export class Gates {
  readonly #open = new Set<string>();
  readonly entered = new Set<string>();
  open(threadId: string): void {
    this.#open.add(threadId);
  }
  async pass(threadId: string, config: RunnableConfig): Promise<void> {
    this.entered.add(threadId);
    while (!this.#open.has(threadId)) await pause(10, config);
  }
}

export function gatedGraph(saver: BaseCheckpointSaver, gates: Gates): ServableGraph {
  return new StateGraph(State)
    .addNode("gate", async (_state, config) => {
      await gates.pass(String(config.configurable?.thread_id), config);
      return { done: ["gate"] };
    })
    .addEdge(START, "gate")
    .addEdge("gate", END)
    .compile({ checkpointer: saver, name: "gated" }) as unknown as ServableGraph;
}

/**
 * Three steps, each one model call to the emulator at `modelUrl` (`POST /call?thread=…&step=…`): a resumed run
 * that repeated a finished step would show as a second call of that step.
 */
export function stepsGraph(saver: BaseCheckpointSaver, modelUrl: string): ServableGraph {
  const call = (step: string) => async (_state: unknown, config: RunnableConfig) => {
    const thread = String(config.configurable?.thread_id);
    const response = await fetch(`${modelUrl}/call?thread=${encodeURIComponent(thread)}&step=${step}`, { method: "POST", ...(config.signal ? { signal: config.signal } : {}) });
    if (!response.ok) throw new Error(`model call ${step} answered ${response.status}`);
    return { done: [`${step}:${await response.text()}`] };
  };
  return new StateGraph(State)
    .addNode("one", call("one"))
    .addNode("two", call("two"))
    .addNode("three", call("three"))
    .addEdge(START, "one")
    .addEdge("one", "two")
    .addEdge("two", "three")
    .addEdge("three", END)
    .compile({ checkpointer: saver, name: "steps" }) as unknown as ServableGraph;
}
