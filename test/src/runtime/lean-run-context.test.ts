import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { getContextVariable, setContextVariable } from "@langchain/core/context";
import { RunnableLambda } from "@langchain/core/runnables";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { isRunTree, RunTree } from "langsmith/run_trees";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { installLeanRunContext, uninstallLeanRunContext } from "../../../src/runtime/lean-run-context.ts";

/** A handler that only claims LangSmith's tracer's name: core must take its own path for it. */
class NamedLikeTracer extends BaseCallbackHandler {
  name = "langchain_tracer";

  /** What core asks LangSmith's tracer for: the run tree a child run continues (untraced here). */
  getRunTreeWithTracingConfig(): RunTree {
    return new RunTree({ name: "tracer-run", tracingEnabled: false });
  }
}

const State = Annotation.Root({ seen: Annotation<string[]>({ reducer: (left, right) => [...left, ...right], default: () => [] }) });

/** A two-node graph whose nodes report the thread id they find in async context, as the request tracer reads it. */
function contextGraph() {
  const report = () => ({ seen: [String(AsyncLocalStorageProviderSingleton.getRunnableConfig()?.configurable?.thread_id)] });
  return new StateGraph(State).addNode("a", report).addNode("b", report).addEdge(START, "a").addEdge("a", "b").addEdge("b", END).compile();
}

describe("installLeanRunContext", () => {
  beforeEach(() => uninstallLeanRunContext());
  afterEach(() => {
    uninstallLeanRunContext();
    vi.unstubAllEnvs();
  });

  it("keeps each node's config in async context without building a RunTree", async () => {
    installLeanRunContext();
    const stores: unknown[] = [];
    const probe = RunnableLambda.from(() => {
      stores.push(AsyncLocalStorageProviderSingleton.getInstance().getStore());
      return AsyncLocalStorageProviderSingleton.getRunnableConfig()?.configurable?.thread_id as unknown;
    });
    expect(await probe.invoke(null, { configurable: { thread_id: "t-1" } })).toBe("t-1");
    expect(stores.length).toBe(1);
    expect(isRunTree(stores[0])).toBe(false);
    expect((await contextGraph().invoke({}, { configurable: { thread_id: "t-2" } })).seen).toEqual(["t-2", "t-2"]);
  });

  it("carries context variables into nested runnables as core does", async () => {
    installLeanRunContext();
    const inner = RunnableLambda.from(() => getContextVariable<string>("tenant"));
    const outer = RunnableLambda.from(async () => {
      setContextVariable("tenant", "acme");
      return inner.invoke(null);
    });
    expect(await outer.invoke(null)).toBe("acme");
  });

  it("leaves a run whose callbacks name LangSmith's tracer to core (a RunTree in context)", async () => {
    installLeanRunContext();
    let store: unknown;
    const probe = RunnableLambda.from(() => {
      store = AsyncLocalStorageProviderSingleton.getInstance().getStore();
    });
    await probe.invoke(null, { callbacks: [new NamedLikeTracer()] });
    expect(isRunTree(store)).toBe(true);
  });

  it("is not installed when LangSmith tracing is on in the environment, and uninstalls to core's method", async () => {
    vi.stubEnv("LANGSMITH_TRACING", "true");
    installLeanRunContext();
    expect(Object.hasOwn(AsyncLocalStorageProviderSingleton, "runWithConfig")).toBe(false);
    vi.unstubAllEnvs();
    installLeanRunContext();
    expect(Object.hasOwn(AsyncLocalStorageProviderSingleton, "runWithConfig")).toBe(true);
    uninstallLeanRunContext();
    expect(Object.hasOwn(AsyncLocalStorageProviderSingleton, "runWithConfig")).toBe(false);
    let store: unknown;
    await RunnableLambda.from(() => {
      store = AsyncLocalStorageProviderSingleton.getInstance().getStore();
    }).invoke(null);
    expect(isRunTree(store)).toBe(true);
  });
});
