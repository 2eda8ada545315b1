import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { getEnvironmentVariable } from "@langchain/core/utils/env";

/** The keys @langchain/core stores a run's config and its context variables under (global symbols). */
const CHILD_CONFIG = Symbol.for("lc:child_config");
const CONTEXT_VARIABLES = Symbol.for("lc:context_variables");

type RunWithConfig = typeof AsyncLocalStorageProviderSingleton.runWithConfig;
type Config = Parameters<RunWithConfig>[0];
type Store = Record<PropertyKey, unknown>;

/** A handler list (an array, or a CallbackManager's `handlers`) that names LangSmith's tracer. */
function namesTracer(callbacks: unknown): boolean {
  const handlers = Array.isArray(callbacks) ? callbacks : (callbacks as { handlers?: unknown } | undefined)?.handlers;
  if (!Array.isArray(handlers)) return false;
  for (const handler of handlers) if ((handler as { name?: unknown } | null)?.name === "langchain_tracer") return true;
  return false;
}

/** Context variables set with `setContextVariable` that may hold a configure hook (a symbol @langchain/core keeps private). */
function mayHoldConfigureHooks(variables: unknown): boolean {
  if (typeof variables !== "object" || variables === null) return false;
  for (const key of Object.getOwnPropertySymbols(variables)) if (key.description === "lc:configure_hooks") return true;
  return false;
}

/** The variables @langchain/core's callback manager reads to turn LangSmith tracing on (and its v1 tracer's). */
const tracingVariables = ["LANGSMITH_TRACING_V2", "LANGCHAIN_TRACING_V2", "LANGSMITH_TRACING", "LANGCHAIN_TRACING"] as const;

let installed: { original: RunWithConfig } | undefined;

/**
 * Makes @langchain/core's `runWithConfig` stop building a langsmith `RunTree` for every runnable a graph
 * runs when nothing can trace it. LangGraph enters `runWithConfig` for every node, channel write and
 * conditional edge; with LangSmith tracing off, core still resolves a callback manager (environment reads
 * included) and constructs a `RunTree` with `tracingEnabled: false` (about 30 property definitions, a UUIDv7
 * and a date string) only to carry the run's config in async context: 5 % of a gateway request's CPU in the
 * profile (docs/decisions/engine.md). The lean path stores the same two things core reads back (the config
 * under `lc:child_config`, the caller's context variables) in a plain object. It is taken only when no
 * handler can be LangSmith's tracer: tracing off in the environment when this is installed (the variables
 * core reads: LANGSMITH_TRACING, LANGCHAIN_TRACING_V2, …), no `langchain_tracer` among the config's callbacks,
 * and no configure hook registered in context; anything else goes to core's own code unchanged. Idempotent;
 * `uninstallLeanRunContext` puts core's back.
 *
 * @example
 * installLeanRunContext(); // before the first graph runs (startEngine does it)
 */
export function installLeanRunContext(): void {
  if (installed !== undefined) return;
  // Decided once: a process's LangSmith tracing is set by its environment at start, as LangChain documents it.
  if (tracingVariables.some((name) => getEnvironmentVariable(name) === "true")) return;
  const provider = AsyncLocalStorageProviderSingleton;
  const original = provider.runWithConfig;
  installed = { original };
  // `runWithConfig`'s third argument: whether core would leave the store empty rather than build a root RunTree.
  provider.runWithConfig = function leanRunWithConfig(this: typeof provider, config: Config, callback: () => unknown, avoidCreatingRootRunTree?: boolean) {
    if (namesTracer(config?.callbacks)) return original.call(this, config, callback, avoidCreatingRootRunTree);
    const storage = this.getInstance();
    const previous = storage.getStore() as Store | undefined;
    const variables = previous?.[CONTEXT_VARIABLES];
    if (variables !== undefined && mayHoldConfigureHooks(variables)) return original.call(this, config, callback, avoidCreatingRootRunTree);
    let store: Store | undefined = avoidCreatingRootRunTree === true ? undefined : { extra: { [CHILD_CONFIG]: config } };
    if (variables !== undefined) {
      store ??= {};
      store[CONTEXT_VARIABLES] = variables;
    }
    return storage.run(store, callback);
  } as RunWithConfig;
}

/** Puts @langchain/core's own `runWithConfig` back (tests; a process that turns LangSmith tracing on later). */
export function uninstallLeanRunContext(): void {
  if (installed === undefined) return;
  // The lean function is an own property of the singleton; deleting it uncovers core's method on the prototype.
  delete (AsyncLocalStorageProviderSingleton as { runWithConfig?: RunWithConfig }).runWithConfig;
  installed = undefined;
}
