import { Hono } from "hono";
import type { RouterPlanner } from "../../runtime/router-planner.ts";
import type { DeploymentStatus } from "../../routing/router.ts";
import type { RouteDeps } from "../route-deps.ts";

/** The engine's router, when the engine plans with one (the default engine does). */
function routerStatus(deps: RouteDeps): Promise<DeploymentStatus[]> | undefined {
  const planner = deps.engine?.planner as Partial<RouterPlanner> | undefined;
  return planner?.router === undefined ? undefined : planner.router.status();
}

/** Health of every deployment and model group: 503 when no model group has a deployment that can serve. */
export async function healthReport(deps: RouteDeps): Promise<{ ok: boolean; body: Record<string, unknown> }> {
  const pending = routerStatus(deps);
  if (pending === undefined || deps.engine === undefined) return { ok: true, body: { status: "ok", deployments: [], model_groups: [] } };
  const statuses = await pending;
  const now = deps.now();
  const byId = new Map(statuses.map((status) => [status.id, status]));
  const serving = (status: DeploymentStatus | undefined) => status !== undefined && status.healthy && !status.coolingDown;
  const groups = deps.engine.config.model_groups.map((group) => ({
    name: group.name,
    can_serve: group.deployments.some((id) => serving(byId.get(id))),
    deployments: group.deployments,
  }));
  const ok = groups.some((group) => group.can_serve);
  return {
    ok,
    body: {
      status: ok ? "ok" : "unavailable",
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
    context.json({ version: "switchyard", context: "js", flags: { assistants: true, crons: false, langsmith: false, store: true } }),
  );
  app.get("/health", async (context) => {
    const report = await healthReport(deps);
    return context.json(report.body, report.ok ? 200 : 503);
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
        })),
        deps.now(),
      );
    }
    return context.body(await deps.metrics.render(), 200, { "content-type": deps.metrics.contentType });
  });
  return app;
}
