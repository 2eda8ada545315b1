import { percentile } from "../../src/telemetry/percentile.ts";

/** One request of the triad study, reduced to what the table and plot need. */
export interface TriadSample {
  /** The cell (or policy) it belongs to. */
  cell: string;
  backend: string;
  /** The answer passed the full schema. */
  valid: boolean;
  /** The answer equalled the gold label. */
  correct: boolean;
  latencyMs: number;
  tokens: number;
  costUsd: number;
}

/** Aggregated figures of one cell: rates in [0, 1], cost per request in USD. */
export interface TriadCell {
  cell: string;
  backend: string;
  requests: number;
  validRate: number;
  correctRate: number;
  p50Ms: number;
  p95Ms: number;
  tokensPerRequest: number;
  costPerRequestUsd: number;
}

/** Groups samples by cell, keeping the order cells first appear in. */
export function aggregateTriad(samples: readonly TriadSample[]): TriadCell[] {
  const groups = new Map<string, TriadSample[]>();
  for (const sample of samples) {
    const list = groups.get(sample.cell) ?? [];
    list.push(sample);
    groups.set(sample.cell, list);
  }
  return [...groups.values()].map((list) => {
    const first = list[0] as TriadSample;
    const share = (predicate: (sample: TriadSample) => boolean) => list.filter(predicate).length / list.length;
    const latencies = list.map((sample) => sample.latencyMs);
    return {
      cell: first.cell,
      backend: first.backend,
      requests: list.length,
      validRate: share((sample) => sample.valid),
      correctRate: share((sample) => sample.correct),
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      tokensPerRequest: list.reduce((sum, sample) => sum + sample.tokens, 0) / list.length,
      costPerRequestUsd: list.reduce((sum, sample) => sum + sample.costUsd, 0) / list.length,
    };
  });
}

/** A cell as a table row: valid %, correct %, p50/p95 ms, tokens and cost per request. */
export function triadRow(cell: TriadCell): Array<string | number> {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  return [
    cell.cell,
    cell.requests,
    percent(cell.validRate),
    percent(cell.correctRate),
    cell.p50Ms.toFixed(0),
    cell.p95Ms.toFixed(0),
    cell.tokensPerRequest.toFixed(0),
    (cell.costPerRequestUsd * 1e6).toFixed(1),
  ];
}

export const TRIAD_HEADERS = ["cell", "requests", "valid", "correct", "p50 ms", "p95 ms", "tokens/req", "cost µ$/req"] as const;

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

export interface TriadPlotOptions {
  title: string;
  /** A short label per cell, drawn next to its bubble (defaults to the cell name). */
  label?: (cell: TriadCell) => string;
  width?: number;
  height?: number;
}

/**
 * A hand-written SVG scatter: p50 latency on x, correct rate on y, bubble area proportional to cost per
 * request (free calls get a small hollow marker), one colour per backend, a label per bubble.
 *
 * @example
 * fs.writeFileSync("triad.svg", renderTriadSvg(aggregateTriad(samples), { title: "triad" }));
 */
export function renderTriadSvg(cells: readonly TriadCell[], options: TriadPlotOptions): string {
  const width = options.width ?? 960;
  const height = options.height ?? 640;
  const margin = { left: 70, right: 200, top: 50, bottom: 60 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const latencies = cells.map((cell) => cell.p50Ms);
  const minX = Math.max(0, Math.floor(Math.min(...latencies, 0) / 10) * 10);
  const maxX = Math.max(minX + 10, Math.ceil((Math.max(...latencies, 1) * 1.05) / 10) * 10);
  const minY = Math.min(0.9, Math.floor(Math.min(...cells.map((cell) => cell.correctRate), 1) * 20) / 20);
  const x = (value: number) => margin.left + ((value - minX) / (maxX - minX)) * plotWidth;
  const y = (value: number) => margin.top + (1 - (value - minY) / (1 - minY)) * plotHeight;
  const maxCost = Math.max(...cells.map((cell) => cell.costPerRequestUsd), 0);
  const radius = (cost: number) => (maxCost <= 0 || cost <= 0 ? 3 : 4 + 18 * Math.sqrt(cost / maxCost));
  const backends = [...new Set(cells.map((cell) => cell.backend))];
  const colour = (backend: string) => PALETTE[backends.indexOf(backend) % PALETTE.length] ?? "#333";
  const label = options.label ?? ((cell: TriadCell) => cell.cell);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left}" y="24" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<line x1="${margin.left}" y1="${margin.top + plotHeight}" x2="${margin.left + plotWidth}" y2="${margin.top + plotHeight}" stroke="#333"/>`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotHeight}" stroke="#333"/>`,
    `<text x="${margin.left + plotWidth / 2}" y="${height - 18}" text-anchor="middle">p50 latency of the model call (ms)</text>`,
    `<text transform="translate(18 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">correct (share of requests equal to gold)</text>`,
  ];
  for (let step = 0; step <= 5; step += 1) {
    const valueX = minX + ((maxX - minX) * step) / 5;
    const valueY = minY + ((1 - minY) * step) / 5;
    parts.push(
      `<line x1="${x(valueX).toFixed(1)}" y1="${margin.top + plotHeight}" x2="${x(valueX).toFixed(1)}" y2="${margin.top}" stroke="#eee"/>`,
      `<text x="${x(valueX).toFixed(1)}" y="${margin.top + plotHeight + 16}" text-anchor="middle">${valueX.toFixed(0)}</text>`,
      `<line x1="${margin.left}" y1="${y(valueY).toFixed(1)}" x2="${margin.left + plotWidth}" y2="${y(valueY).toFixed(1)}" stroke="#eee"/>`,
      `<text x="${margin.left - 6}" y="${(y(valueY) + 4).toFixed(1)}" text-anchor="end">${(valueY * 100).toFixed(0)}%</text>`,
    );
  }
  for (const cell of [...cells].sort((left, right) => right.costPerRequestUsd - left.costPerRequestUsd)) {
    const cx = x(cell.p50Ms).toFixed(1);
    const cy = y(cell.correctRate).toFixed(1);
    const free = cell.costPerRequestUsd <= 0;
    const tooltip = `${cell.cell}: valid ${(cell.validRate * 100).toFixed(1)}%, correct ${(cell.correctRate * 100).toFixed(1)}%, p50 ${cell.p50Ms.toFixed(0)} ms, ${(cell.costPerRequestUsd * 1e6).toFixed(1)} µ$/request`;
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="${radius(cell.costPerRequestUsd).toFixed(1)}" fill="${free ? "none" : colour(cell.backend)}" fill-opacity="0.35" stroke="${colour(cell.backend)}"><title>${escapeXml(tooltip)}</title></circle>`,
      `<text x="${(Number(cx) + radius(cell.costPerRequestUsd) + 2).toFixed(1)}" y="${(Number(cy) + 3).toFixed(1)}" fill="${colour(cell.backend)}" font-size="9">${escapeXml(label(cell))}</text>`,
    );
  }
  const legendX = margin.left + plotWidth + 20;
  backends.forEach((backend, index) => {
    parts.push(
      `<circle cx="${legendX}" cy="${margin.top + 10 + index * 18}" r="6" fill="${colour(backend)}" fill-opacity="0.35" stroke="${colour(backend)}"/>`,
      `<text x="${legendX + 12}" y="${margin.top + 14 + index * 18}">${escapeXml(backend)}</text>`,
    );
  });
  parts.push(
    `<text x="${legendX}" y="${margin.top + 30 + backends.length * 18}">bubble area ∝ cost per request</text>`,
    `<text x="${legendX}" y="${margin.top + 46 + backends.length * 18}">(hollow: free calls)</text>`,
    "</svg>",
  );
  return `${parts.join("\n")}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
