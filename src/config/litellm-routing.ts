import { isRecord } from "./litellm-deployment.ts";
import type { ImportReport } from "./litellm-report.ts";
import type { StrategyName } from "./routing-config.ts";
import type { SwitchyardConfigInput } from "./schema.ts";

type Json = Record<string, unknown>;

/** LiteLLM routing strategies and the switchyard strategy that does the same job. */
const strategies: Record<string, StrategyName> = {
  "simple-shuffle": "weighted",
  "least-busy": "least-busy",
  "usage-based-routing": "usage",
  "usage-based-routing-v2": "usage",
  "latency-based-routing": "latency",
  "cost-based-routing": "cost",
};

/** LiteLLM retry_policy keys and switchyard's error classes. */
const retryErrors: Record<string, string> = {
  RateLimitErrorRetries: "rate_limit",
  TimeoutErrorRetries: "timeout",
  InternalServerErrorRetries: "server_error",
  AuthenticationErrorRetries: "auth",
  BadRequestErrorRetries: "bad_request",
  ContentPolicyViolationErrorRetries: "content_policy",
};

export interface GroupSettings {
  /** Sections of switchyard.yaml outside model_groups: retry, cooldown, routing_state, telemetry. */
  top: Partial<SwitchyardConfigInput>;
  /** strategy, strategy_options and fallbacks of one model group. */
  forGroup(name: string): Json;
}

interface RoutingSources {
  router: Json;
  library: Json;
  groups: readonly string[];
  report: ImportReport;
  rename: (name: string) => string;
}

const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined);

/** router_settings (and litellm_settings, which the proxy also reads retries and fallbacks from). */
export function importRouting({ router, library, groups, report, rename }: RoutingSources): GroupSettings {
  const top: Partial<SwitchyardConfigInput> = {};
  const perGroup = new Map<string, Json>(groups.map((group) => [group, {}]));
  const strategyName = router.routing_strategy;
  if (typeof strategyName === "string") {
    const strategy = strategies[strategyName];
    if (strategy === undefined) report.notImported("router_settings.routing_strategy", `${strategyName} has no switchyard strategy; groups use weighted`);
    else {
      for (const settings of perGroup.values()) settings.strategy = strategy;
      report.mapped("router_settings.routing_strategy", "model_groups[].strategy", strategy);
    }
  }
  const args = isRecord(router.routing_strategy_args) ? router.routing_strategy_args : {};
  const options: Json = {};
  if (typeof args.ttl === "number" && args.ttl > 0) options.latency_ttl_seconds = args.ttl;
  if (typeof args.lowest_latency_buffer === "number" && args.lowest_latency_buffer >= 0) options.latency_buffer = args.lowest_latency_buffer;
  if (Object.keys(options).length > 0) {
    for (const settings of perGroup.values()) settings.strategy_options = options;
    if (options.latency_ttl_seconds !== undefined) report.mapped("router_settings.routing_strategy_args.ttl", "model_groups[].strategy_options.latency_ttl_seconds");
    if (options.latency_buffer !== undefined) report.mapped("router_settings.routing_strategy_args.lowest_latency_buffer", "model_groups[].strategy_options.latency_buffer");
  }
  const cooldown: Json = {};
  const allowedFails = count(router.allowed_fails);
  if (allowedFails !== undefined) {
    cooldown.allowed_fails = allowedFails;
    report.mapped("router_settings.allowed_fails", "cooldown.allowed_fails");
  }
  if (typeof router.cooldown_time === "number" && router.cooldown_time > 0) {
    cooldown.cooldown_seconds = router.cooldown_time;
    report.mapped("router_settings.cooldown_time", "cooldown.cooldown_seconds");
  }
  if (Object.keys(cooldown).length > 0) top.cooldown = cooldown;
  const retry: Json = {};
  for (const [section, source] of [["router_settings", router], ["litellm_settings", library]] as const) {
    const retries = count(source.num_retries);
    if (retries === undefined) continue;
    if (retry.max_retries === undefined) {
      retry.max_retries = retries;
      report.mapped(`${section}.num_retries`, "retry.max_retries");
    } else report.notImported(`${section}.num_retries`, "router_settings.num_retries already set retry.max_retries");
  }
  if (typeof router.retry_after === "number" && router.retry_after >= 0) {
    retry.backoff = { initial_ms: Math.round(router.retry_after * 1000) };
    report.approximated("router_settings.retry_after", "retry.backoff.initial_ms", "LiteLLM waits at least this long before a retry; switchyard's backoff starts there and grows");
  }
  if (isRecord(router.retry_policy)) {
    const perError: Json = {};
    for (const [key, value] of Object.entries(router.retry_policy)) {
      const errorClass = retryErrors[key];
      const retries = count(value);
      if (errorClass === undefined || retries === undefined) continue;
      perError[errorClass] = { retry_same: retries };
      report.approximated(`router_settings.retry_policy.${key}`, `retry.per_error.${errorClass}.retry_same`, "LiteLLM retries the error this often anywhere in the group; switchyard on the same deployment before moving on");
    }
    if (Object.keys(perError).length > 0) retry.per_error = perError;
  }
  if (Object.keys(retry).length > 0) top.retry = retry;
  importFallbacks({ router, library, perGroup, report, rename });
  const redis = redisUrl(router, report);
  if (redis !== undefined) top.routing_state = { backend: "redis", url: redis };
  if (router.enable_pre_call_checks === true) report.mapped("router_settings.enable_pre_call_checks", "(always on)", "switchyard checks each request against context windows before routing");
  const callbacks = [library.callbacks, library.success_callback].flatMap((value) => (Array.isArray(value) ? value : []));
  if (callbacks.some((name) => name === "otel")) {
    top.telemetry = { tracing: { enabled: true } };
    report.approximated("litellm_settings.callbacks", "telemetry.tracing.enabled", "OpenTelemetry export; set telemetry.tracing.otlp_endpoint (other callbacks are not imported)");
  }
  return { top, forGroup: (name) => perGroup.get(name) ?? {} };
}

/** fallbacks: [{ group: [groups] }], in router_settings or litellm_settings; context-window and content-policy ones too. */
function importFallbacks({ router, library, perGroup, report, rename }: Omit<RoutingSources, "groups"> & { perGroup: Map<string, Json> }): void {
  const kinds = [["fallbacks", "fallbacks"], ["context_window_fallbacks", "context_window_fallback"], ["content_policy_fallbacks", "content_policy_fallback"]] as const;
  for (const [section, source] of [["router_settings", router], ["litellm_settings", library]] as const) {
    for (const [key, target] of kinds) {
      const list = source[key];
      if (!Array.isArray(list)) continue;
      report.claim(`${section}.${key}`);
      list.forEach((item, index) => {
        const at = `${section}.${key}[${index}]`;
        const [from, to] = isRecord(item) ? (Object.entries(item)[0] ?? []) : [];
        const group = typeof from === "string" ? rename(from) : "";
        const settings = perGroup.get(group);
        const targets = (Array.isArray(to) ? to : []).map((name) => rename(String(name))).filter((name) => perGroup.has(name) && name !== group);
        if (settings === undefined || targets.length === 0) return report.notImported(at, `names a model group that was not imported (${JSON.stringify(item)})`);
        if (target === "fallbacks") {
          settings.fallbacks = [...new Set([...(Array.isArray(settings.fallbacks) ? settings.fallbacks : []), ...targets])];
          report.mapped(at, `model_groups[${group}].fallbacks`);
        } else {
          settings[target] = targets[0];
          if (targets.length > 1) report.approximated(at, `model_groups[${group}].${target}`, `switchyard takes one group here: ${targets[0]} (${targets.slice(1).join(", ")} not imported)`);
          else report.mapped(at, `model_groups[${group}].${target}`);
        }
      });
    }
  }
}

function redisUrl(router: Json, report: ImportReport): string | undefined {
  if (typeof router.redis_url === "string" && !router.redis_url.startsWith("os.environ/")) {
    report.mapped("router_settings.redis_url", "routing_state.url");
    return router.redis_url;
  }
  if (typeof router.redis_host !== "string" || router.redis_host.startsWith("os.environ/")) return undefined;
  const port = typeof router.redis_port === "number" || typeof router.redis_port === "string" ? String(router.redis_port) : "6379";
  report.mapped("router_settings.redis_host", "routing_state.url");
  if (router.redis_port !== undefined) report.mapped("router_settings.redis_port", "routing_state.url");
  if (router.redis_password !== undefined) report.notImported("router_settings.redis_password", "routing_state.url carries no password variable: put it in the URL (redis://:PASSWORD@host:port) by hand");
  return `redis://${router.redis_host}:${port}`;
}
