import { placeLabels, type Box, type PlacedLabel } from "./label-layout.ts";

/** A marker family: each mode variant gets its own shape. */
export type TriadMarker = "json" | "tool" | "compressed" | "reconstruct";

/** One configuration (or policy) on a backend: where it lands on the triad. */
export interface TriadPlotPoint {
  backend: string;
  marker: TriadMarker;
  label: string;
  correctRate: number;
  p50Ms: number;
  costPerRequestUsd: number;
}

/**
 * What the picture needs, as a plain structure so the study can change its figures freely: the fixed
 * configurations per backend and the adaptive policy's result on each backend.
 */
export interface TriadPlotInput {
  title: string;
  points: readonly TriadPlotPoint[];
  adaptive: ReadonlyArray<{ backend: string; correctRate: number; p50Ms: number; costPerRequestUsd: number }>;
}

/** A rendered picture and the geometry a test checks: the panels and every drawn label's box. */
export interface TriadPicture {
  svg: string;
  panels: Array<{ backend: string; box: Box }>;
  labels: Array<{ backend: string; text: string; box: Box }>;
}

const SHAPES: Record<TriadMarker, string> = { json: "circle", tool: "square", compressed: "triangle", reconstruct: "diamond" };
const COLOURS: Record<TriadMarker, string> = { json: "#1f77b4", tool: "#9467bd", compressed: "#d62728", reconstruct: "#2ca02c" };
const PANEL = { width: 420, height: 430, left: 52, right: 14, top: 46, bottom: 46 };

/**
 * The triad as one panel per backend: p50 latency across, correct rate up (the same scale in every panel),
 * marker area by cost per request (hollow when free), marker shape by mode; the configurations on the
 * cost/latency/correctness Pareto front ringed and joined by a dashed line; the adaptive policy as a star.
 * Labels are placed so they never overlap each other or a marker (see {@link placeLabels}).
 *
 * @example
 * fs.writeFileSync("triad.svg", renderTriadPicture(input).svg);
 */
export function renderTriadPicture(input: TriadPlotInput): TriadPicture {
  const backends = [...new Set([...input.points.map((point) => point.backend), ...input.adaptive.map((entry) => entry.backend)])];
  const width = Math.max(1, backends.length) * PANEL.width;
  const height = PANEL.height + 80;
  const rates = [...input.points.map((point) => point.correctRate), ...input.adaptive.map((entry) => entry.correctRate)];
  const minY = Math.min(0.9, Math.floor(Math.min(...rates, 1) * 20) / 20);
  const maxCost = Math.max(...input.points.map((point) => point.costPerRequestUsd), ...input.adaptive.map((entry) => entry.costPerRequestUsd), 0);
  const radius = (cost: number) => (maxCost <= 0 || cost <= 0 ? 4 : 4 + 9 * Math.sqrt(cost / maxCost));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif" font-size="10">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">${escapeXml(input.title)}</text>`,
  ];
  const picture: TriadPicture = { svg: "", panels: [], labels: [] };
  backends.forEach((backend, index) => {
    const origin = index * PANEL.width;
    const plot: Box = { x: origin + PANEL.left, y: PANEL.top, width: PANEL.width - PANEL.left - PANEL.right, height: PANEL.height - PANEL.top - PANEL.bottom };
    picture.panels.push({ backend, box: plot });
    const points = input.points.filter((point) => point.backend === backend);
    const adaptive = input.adaptive.find((entry) => entry.backend === backend);
    const latencies = [...points.map((point) => point.p50Ms), ...(adaptive ? [adaptive.p50Ms] : [])];
    const minX = Math.max(0, Math.floor((Math.min(...latencies) * 0.85) / 10) * 10);
    const maxX = Math.max(minX + 10, Math.ceil((Math.max(...latencies, 1) * 1.1) / 10) * 10);
    const x = (value: number) => plot.x + ((value - minX) / (maxX - minX)) * plot.width;
    // Inner padding, so markers at 100 % or at the floor stay clear of the panel's title and axis.
    const y = (value: number) => plot.y + 16 + (1 - (value - minY) / (1 - minY)) * (plot.height - 28);
    parts.push(`<g><title>${escapeXml(backend)}</title>`, `<rect x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}" fill="none" stroke="#999"/>`);
    parts.push(`<text x="${plot.x + plot.width / 2}" y="${plot.y - 8}" text-anchor="middle" font-size="12" font-weight="bold">${escapeXml(backend)}</text>`);
    for (let step = 0; step <= 4; step += 1) {
      const valueX = minX + ((maxX - minX) * step) / 4;
      parts.push(
        `<line x1="${x(valueX).toFixed(1)}" y1="${plot.y}" x2="${x(valueX).toFixed(1)}" y2="${plot.y + plot.height}" stroke="#f0f0f0"/>`,
        `<text x="${x(valueX).toFixed(1)}" y="${plot.y + plot.height + 14}" text-anchor="middle" fill="#555">${valueX.toFixed(0)}</text>`,
      );
    }
    const yStep = 1 - minY <= 0.3 ? 0.05 : 0.1;
    for (let valueY = 1; valueY >= minY - 1e-9; valueY -= yStep) {
      parts.push(
        `<line x1="${plot.x}" y1="${y(valueY).toFixed(1)}" x2="${plot.x + plot.width}" y2="${y(valueY).toFixed(1)}" stroke="#f0f0f0"/>`,
        `<text x="${plot.x - 5}" y="${(y(valueY) + 3).toFixed(1)}" text-anchor="end" fill="#555">${(valueY * 100).toFixed(0)}%</text>`,
      );
    }
    parts.push(`<text x="${plot.x + plot.width / 2}" y="${plot.y + plot.height + 30}" text-anchor="middle">p50 latency (ms)</text>`);
    if (index === 0) parts.push(`<text transform="translate(12 ${plot.y + plot.height / 2}) rotate(-90)" text-anchor="middle">correct</text>`);
    const front = paretoFront(points);
    const frontLine = [...front].sort((left, right) => left.p50Ms - right.p50Ms).map((point) => `${x(point.p50Ms).toFixed(1)},${y(point.correctRate).toFixed(1)}`);
    if (frontLine.length > 1) parts.push(`<polyline points="${frontLine.join(" ")}" fill="none" stroke="#333" stroke-dasharray="4 3"/>`);
    const markers: Box[] = [];
    const requests = points.map((point) => {
      const cx = x(point.p50Ms);
      const cy = y(point.correctRate);
      const r = radius(point.costPerRequestUsd);
      markers.push({ x: cx - r, y: cy - r, width: 2 * r, height: 2 * r });
      const tooltip = `${point.label}: correct ${(point.correctRate * 100).toFixed(1)}%, p50 ${point.p50Ms.toFixed(0)} ms, ${(point.costPerRequestUsd * 1e6).toFixed(1)} µ$/request${front.includes(point) ? ", on the Pareto front" : ""}`;
      parts.push(marker(point.marker, cx, cy, r, point.costPerRequestUsd <= 0, tooltip));
      if (front.includes(point)) parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${(r + 3).toFixed(1)}" fill="none" stroke="#111" stroke-width="1.2"/>`);
      return { anchorX: cx, anchorY: cy, radius: r + 3, text: point.label };
    });
    if (adaptive !== undefined) {
      const cx = x(adaptive.p50Ms);
      const cy = y(adaptive.correctRate);
      markers.push({ x: cx - 9, y: cy - 9, width: 18, height: 18 });
      parts.push(`<polygon points="${star(cx, cy, 9, 4)}" fill="#ffbf00" stroke="#111"><title>adaptive policy: correct ${(adaptive.correctRate * 100).toFixed(1)}%, p50 ${adaptive.p50Ms.toFixed(0)} ms, ${(adaptive.costPerRequestUsd * 1e6).toFixed(1)} µ$/request</title></polygon>`);
      requests.push({ anchorX: cx, anchorY: cy, radius: 9, text: "adaptive" });
    }
    const placed = placeLabels(requests, plot, markers);
    placed.forEach((label: PlacedLabel | undefined, position) => {
      const request = requests[position];
      if (label === undefined || request === undefined) return;
      if (label.leader) {
        const toX = Math.min(Math.max(request.anchorX, label.box.x), label.box.x + label.box.width);
        const toY = Math.min(Math.max(request.anchorY, label.box.y), label.box.y + label.box.height);
        parts.push(`<line x1="${request.anchorX.toFixed(1)}" y1="${request.anchorY.toFixed(1)}" x2="${toX.toFixed(1)}" y2="${toY.toFixed(1)}" stroke="#aaa" stroke-width="0.7"/>`);
      }
      parts.push(`<text x="${label.textX.toFixed(1)}" y="${label.textY.toFixed(1)}" font-size="9" fill="#222">${escapeXml(request.text)}</text>`);
      picture.labels.push({ backend, text: request.text, box: label.box });
    });
    parts.push("</g>");
  });
  parts.push(legend(height - 34));
  parts.push("</svg>");
  picture.svg = `${parts.join("\n")}\n`;
  return picture;
}

/** Points no other point beats on all three: cheaper or equal, faster or equal, at least as correct (one strictly). */
export function paretoFront<T extends { costPerRequestUsd: number; p50Ms: number; correctRate: number }>(points: readonly T[]): T[] {
  return points.filter((point) => !points.some((other) =>
    other !== point && other.costPerRequestUsd <= point.costPerRequestUsd && other.p50Ms <= point.p50Ms && other.correctRate >= point.correctRate &&
    (other.costPerRequestUsd < point.costPerRequestUsd || other.p50Ms < point.p50Ms || other.correctRate > point.correctRate)));
}

function marker(kind: TriadMarker, cx: number, cy: number, r: number, hollow: boolean, tooltip: string): string {
  const style = `fill="${hollow ? "white" : COLOURS[kind]}" fill-opacity="${hollow ? 1 : 0.55}" stroke="${COLOURS[kind]}" stroke-width="1.3"`;
  const title = `<title>${escapeXml(tooltip)}</title>`;
  const p = (points: Array<[number, number]>) => points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(" ");
  switch (SHAPES[kind]) {
    case "square":
      return `<rect x="${(cx - r * 0.85).toFixed(1)}" y="${(cy - r * 0.85).toFixed(1)}" width="${(r * 1.7).toFixed(1)}" height="${(r * 1.7).toFixed(1)}" ${style}>${title}</rect>`;
    case "triangle":
      return `<polygon points="${p([[cx, cy - r], [cx + r, cy + r * 0.8], [cx - r, cy + r * 0.8]])}" ${style}>${title}</polygon>`;
    case "diamond":
      return `<polygon points="${p([[cx, cy - r], [cx + r, cy], [cx, cy + r], [cx - r, cy]])}" ${style}>${title}</polygon>`;
    default:
      return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r.toFixed(1)}" ${style}>${title}</circle>`;
  }
}

function star(cx: number, cy: number, outer: number, inner: number): string {
  return Array.from({ length: 10 }, (_, index) => {
    const r = index % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (index * Math.PI) / 5;
    return `${(cx + r * Math.cos(angle)).toFixed(1)},${(cy + r * Math.sin(angle)).toFixed(1)}`;
  }).join(" ");
}

function legend(y: number): string {
  const items = (Object.keys(SHAPES) as TriadMarker[]).map((kind, index) => {
    const x = 20 + index * 130;
    const name = kind === "json" ? "emit (json schema)" : kind === "tool" ? "emit (tool call)" : kind;
    return `${marker(kind, x, y, 6, false, name)}<text x="${x + 10}" y="${y + 4}">${name}</text>`;
  });
  const after = 20 + items.length * 130;
  return [
    ...items,
    `<polygon points="${star(after, y, 8, 3.5)}" fill="#ffbf00" stroke="#111"/><text x="${after + 12}" y="${y + 4}">adaptive policy</text>`,
    `<circle cx="${after + 130}" cy="${y}" r="8" fill="none" stroke="#111"/><text x="${after + 142}" y="${y + 4}">ringed, dashed: Pareto front (cost, latency, correct)</text>`,
    `<text x="${after + 460}" y="${y + 4}" fill="#555">area ∝ cost per request; hollow: free</text>`,
    `<text x="20" y="${y + 18}" fill="#555">labels: s+/s- schema constraint on/off, c+/c- transport compression on/off; the adaptive policy is scored after retries, the cells on their first answer</text>`,
  ].join("\n");
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
