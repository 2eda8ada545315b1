import { Hono } from "hono";
import type { DeploymentStatus } from "../../routing/router.ts";
import type { RouteDeps } from "../route-deps.ts";

/** The engine's deployment statuses, when the server has an engine. */
function routerStatus(deps: RouteDeps): Promise<DeploymentStatus[]> | undefined {
  return deps.engine?.routing.router.status();
}

/** A group's state: its own deployments serve, only its fallback chain does, or nothing in the chain does. */
export type GroupHealth = "ok" | "degraded" | "unavailable";

/**
 * Health of every deployment and model group. "ok" (200) when every group's own deployments can serve;
 * "degraded" (200) when some group can only be served through its fallbacks (named under `degraded_groups`);
 * "unavailable" (503) when some group can be served by nothing in its fallback chain. A deployment serves when
 * it is healthy and not cooling down (a guardian quarantine is a cooldown).
 */
export async function healthReport(deps: Pick<RouteDeps, "engine" | "now">): Promise<{ ok: boolean; httpStatus: 200 | 503; body: Record<string, unknown> }> {
  const router = deps.engine?.routing.router;
  if (router === undefined || deps.engine === undefined) return { ok: true, httpStatus: 200, body: { status: "ok", deployments: [], model_groups: [] } };
  const statuses = await router.status();
  const now = deps.now();
  const byId = new Map(statuses.map((status) => [status.id, status]));
  const serving = (status: DeploymentStatus | undefined) => status !== undefined && status.healthy && !status.coolingDown;
  const config = deps.engine.config;
  const canServe = (name: string) => (config.model_groups.find((group) => group.name === name)?.deployments ?? []).some((id) => serving(byId.get(id)));
  const groups = config.model_groups.map((group) => {
    const chain = router.fallbackChain(group.name);
    const own = canServe(group.name);
    const servedBy = own ? group.name : (chain.find(canServe) ?? null);
    const state: GroupHealth = own ? "ok" : servedBy !== null ? "degraded" : "unavailable";
    return { name: group.name, status: state, can_serve: own, served_by: servedBy, fallback_chain: chain, deployments: group.deployments };
  });
  const unavailable = groups.filter((group) => group.status === "unavailable").map((group) => group.name);
  const degraded = groups.filter((group) => group.status === "degraded").map((group) => ({ group: group.name, served_by: group.served_by }));
  const status = unavailable.length > 0 ? "unavailable" : degraded.length > 0 ? "degraded" : "ok";
  return {
    ok: unavailable.length === 0,
    httpStatus: unavailable.length === 0 ? 200 : 503,
    body: {
      status,
      ...(degraded.length > 0 ? { degraded_groups: degraded } : {}),
      ...(unavailable.length > 0 ? { unavailable_groups: unavailable } : {}),
      deployments: statuses.map((status) => ({
        id: status.id,
        healthy: status.healthy,
        cooling_down: status.coolingDown,
        cooldown_seconds_left: Math.max(0, (status.cooldownUntil - now) / 1000),
        cooldown_reason: status.coolingDown ? status.cooldownReason : null,
        in_flight: status.inFlight,
      })),
      model_groups: groups,
    },
  };
}

/** /ok, /info, /health and /metrics. */
export function metaRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.get("/ok", (context) => context.json({ ok: true }));
  app.get("/info", (context) =>
    context.json({ version: "switchyard", context: "js", flags: { assistants: true, crons: true, langsmith: false, store: true } }),
  );
  app.get("/health", async (context) => {
    const report = await healthReport(deps);
    return context.json(report.body, report.httpStatus);
  });
  app.get("/metrics", async (context) => {
    const pending = routerStatus(deps);
    if (pending !== undefined) {
      deps.metrics.recordCooldowns(
        (await pending).map((status) => ({
          deployment: status.id,
          cooldownUntil: status.cooldownUntil,
          requestsInWindow: status.requestsInWindow,
          tokensInWindow: status.tokensInWindow,
          inFlight: status.inFlight,
          rpmLimit: deps.engine?.config.deployments.find((deployment) => deployment.id === status.id)?.limits.rpm,
          tpmLimit: deps.engine?.config.deployments.find((deployment) => deployment.id === status.id)?.limits.tpm,
        })),
        deps.now(),
      );
    }
    return context.body(await deps.metrics.render(), 200, { "content-type": deps.metrics.contentType });
  });
  return app;
}
