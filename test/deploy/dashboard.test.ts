import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { afterAll, describe, expect, it } from "vitest";
import { SwitchyardMetrics } from "../../src/telemetry/metrics.ts";

const root = path.resolve(import.meta.dirname, "../..");
const dashboard = z
  .object({ panels: z.array(z.object({ type: z.string(), title: z.string(), targets: z.array(z.object({ expr: z.string() })).optional(), options: z.object({ content: z.string().optional() }).optional() })) })
  .parse(JSON.parse(fs.readFileSync(path.join(root, "deploy/grafana/switchyard.json"), "utf8")));
const alerts = z
  .object({ groups: z.array(z.object({ name: z.string(), rules: z.array(z.object({ alert: z.string(), expr: z.string(), for: z.string() })) })) })
  .parse(parse(fs.readFileSync(path.join(root, "deploy/prometheus/alerts.yml"), "utf8")));

const keywords = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset"]);

/**
 * The metric names a PromQL expression reads: identifiers left once strings, label matchers, range windows,
 * grouping clauses, numbers and function calls are taken out.
 */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\b\d+(\.\d+)?\b/g, " ");
  return [...stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)].filter((match) => !keywords.has(match[0]) && stripped.slice((match.index ?? 0) + match[0].length).trimStart()[0] !== "(").map((match) => match[0]);
}

const metrics = new SwitchyardMetrics();
afterAll(() => metrics.dispose());

/** What the server exports: each metric's name, and a histogram's series names too. */
async function exported(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(`${metric.name}${suffix}`);
  }
  return names;
}

const queries = [
  ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr }))),
  ...alerts.groups.flatMap((group) => group.rules.map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr }))),
];

describe("deploy/: the Grafana dashboard and the Prometheus alerts", () => {
  it("reads metric names out of PromQL, and only those", () => {
    expect(metricNames('sum by (le) (rate(switchyard_x_bucket{outcome!="ok"}[5m])) / ignoring(error_class) group_left sum(rate(y_total[5m])) > 0.001')).toEqual(["switchyard_x_bucket", "y_total"]);
  });

  it("every query of every panel and alert names only metrics the server exports", async () => {
    const known = await exported();
    const unknown = queries.flatMap(({ where, expr }) => metricNames(expr).filter((name) => !known.has(name)).map((name) => `${where}: ${name}`));
    expect(unknown).toEqual([]);
    expect(queries.every(({ expr }) => metricNames(expr).length > 0)).toBe(true);
  });

  it("the server exports each deployment's limits, which TPM use is measured against", async () => {
    metrics.recordCooldowns([{ deployment: "a", cooldownUntil: 0, tokensInWindow: 900, tpmLimit: 1000, rpmLimit: 50 }], 0);
    const text = await metrics.render();
    expect(text).toContain('switchyard_deployment_tpm_limit{deployment="a"} 1000');
    expect(text).toContain('switchyard_deployment_rpm_limit{deployment="a"} 50');
  });

  it("the dashboard has the ten production metrics and says GPU utilisation is not available", () => {
    const titles = dashboard.panels.map((panel) => panel.title);
    for (const wanted of [/latency p50 \/ p95 \/ p99/, /Success rate/, /RPM/, /TPM/, /Cooldowns/, /Verification latency/, /Memory query latency/, /Protocol parse time/, /Error rate/, /Cost per token/]) {
      expect(titles.some((title) => wanted.test(title))).toBe(true);
    }
    const gpu = dashboard.panels.find((panel) => /GPU/.test(panel.title));
    expect(gpu?.type).toBe("text");
    expect(gpu?.options?.content).toMatch(/Not available from these backends/);
  });

  it("the alerts carry the seed's thresholds", () => {
    const rule = (name: string) => alerts.groups.flatMap((group) => group.rules).find((candidate) => candidate.alert === name)?.expr;
    expect(rule("SwitchyardLatencyP95High")).toMatch(/histogram_quantile\(0\.95,.*> 1$/);
    expect(rule("SwitchyardSuccessRateLow")).toMatch(/< 0\.999$/);
    expect(rule("SwitchyardTpmUseHigh")).toMatch(/switchyard_deployment_tpm_limit\) > 0\.8$/);
    expect(rule("SwitchyardCooldownLong")).toMatch(/> 5$/);
    expect(rule("SwitchyardErrorRateHigh")).toMatch(/> 0\.001$/);
  });
});
