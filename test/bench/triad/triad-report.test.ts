import { describe, expect, it } from "vitest";
import { aggregateTriad, renderTriadSvg, triadRow, type TriadSample } from "../../../bench/triad/triad-report.ts";

const sample = (cell: string, backend: string, valid: boolean, correct: boolean, latencyMs: number, costUsd: number): TriadSample => ({ cell, backend, valid, correct, latencyMs, tokens: 100, costUsd });

describe("triad report", () => {
  const samples = [
    sample("a emit", "a", true, true, 100, 0.0002),
    sample("a emit", "a", true, false, 300, 0.0002),
    sample("a emit", "a", false, false, 200, 0.0002),
    sample("b reconstruct", "b", true, true, 50, 0),
  ];

  it("aggregates rates, percentiles and per-request cost per cell, in first-seen order", () => {
    const [first, second] = aggregateTriad(samples);
    expect(first).toMatchObject({ cell: "a emit", requests: 3, p50Ms: 200, p95Ms: 300, tokensPerRequest: 100 });
    expect(first?.validRate).toBeCloseTo(2 / 3);
    expect(first?.correctRate).toBeCloseTo(1 / 3);
    expect(first?.costPerRequestUsd).toBeCloseTo(0.0002);
    expect(second).toMatchObject({ cell: "b reconstruct", validRate: 1, costPerRequestUsd: 0 });
    expect(triadRow(first!)).toEqual(["a emit", 3, "66.7%", "33.3%", "200", "300", "100", "200.0"]);
  });

  it("plots one bubble per cell: paid cells filled and sized by cost, free cells hollow, labels escaped", () => {
    const svg = renderTriadSvg(aggregateTriad(samples), { title: "t <&>", label: (cell) => `${cell.cell} <x>` });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<circle [^>]*><title>/g)).toHaveLength(2);
    expect(svg).toContain("t &lt;&amp;&gt;");
    expect(svg).toContain("a emit &lt;x&gt;");
    expect(svg).toMatch(/r="22\.0" fill="#1f77b4"/);
    expect(svg).toMatch(/r="3\.0" fill="none"/);
  });
});
