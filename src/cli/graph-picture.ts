import { Resvg } from "@resvg/resvg-js";

/** The drawable view LangGraph gives (`getGraphAsync({ xray: true })`): node ids, names, edges. */
export interface GraphView {
  nodes: Record<string, { id: string; name: string }>;
  edges: { source: string; target: string; conditional?: boolean; data?: unknown }[];
}

const BOX = { width: 150, height: 36, gapX: 40, gapY: 70, margin: 40 };

/**
 * Layers nodes by their longest path from `__start__` over the edges that do not close a loop (the router's
 * retry edges would otherwise put call_model below itself); unreachable nodes go last.
 */
function layers(view: GraphView): Map<string, number> {
  const ids = Object.keys(view.nodes);
  const outgoing = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of view.edges) outgoing.get(edge.source)?.push(edge.target);
  const back = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const visit = (id: string) => {
    state.set(id, "open");
    for (const target of outgoing.get(id) ?? []) {
      if (state.get(target) === "open") back.add(`${id}>${target}`);
      else if (!state.has(target)) visit(target);
    }
    state.set(id, "done");
  };
  for (const id of ["__start__", ...ids]) if (view.nodes[id] !== undefined && !state.has(id)) visit(id);
  const level = new Map<string, number>(ids.map((id) => [id, 0]));
  // Longest path on the remaining DAG: relax as many times as there are nodes.
  for (let round = 0; round < ids.length; round++) {
    for (const edge of view.edges) {
      if (back.has(`${edge.source}>${edge.target}`)) continue;
      const next = (level.get(edge.source) ?? 0) + 1;
      if (next > (level.get(edge.target) ?? 0)) level.set(edge.target, next);
    }
  }
  return level;
}

/** One arrow per (source, target): parallel conditional edges (retry_same, next_deployment, ...) share it, labels joined. */
function mergedEdges(view: GraphView): { source: string; target: string; conditional: boolean; label: string }[] {
  const merged = new Map<string, { source: string; target: string; conditional: boolean; labels: string[] }>();
  for (const edge of view.edges) {
    const key = `${edge.source}>${edge.target}`;
    const entry = merged.get(key) ?? { source: edge.source, target: edge.target, conditional: edge.conditional === true, labels: [] };
    if (typeof edge.data === "string" && edge.data !== "") entry.labels.push(edge.data);
    merged.set(key, entry);
  }
  return [...merged.values()].map(({ labels, ...edge }) => ({ ...edge, label: labels.join(", ") }));
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * An SVG of the graph: a box per node by layer, an arrow per edge (dashed when conditional, labelled when the
 * edge has a name), a dashed frame around each subgraph's nodes. switchyard's own simple layout, not Mermaid's:
 * Mermaid needs a browser to lay out, and none runs offline.
 *
 * @example
 * const svg = graphSvg(await compileGateway().getGraphAsync({ xray: true }));
 */
export function graphSvg(view: GraphView): string {
  const level = layers(view);
  const rows = new Map<number, string[]>();
  for (const id of Object.keys(view.nodes)) rows.set(level.get(id) ?? 0, [...(rows.get(level.get(id) ?? 0) ?? []), id]);
  const widest = Math.max(...[...rows.values()].map((row) => row.length));
  // Room on the left for edges that skip layers and on the right for loops back up.
  const side = 280;
  const width = BOX.margin * 2 + widest * BOX.width + (widest - 1) * BOX.gapX + 2 * side;
  const height = BOX.margin * 2 + rows.size * BOX.height + (rows.size - 1) * BOX.gapY;
  const at = new Map<string, { x: number; y: number }>();
  for (const [row, ids] of rows) {
    const rowWidth = ids.length * BOX.width + (ids.length - 1) * BOX.gapX;
    ids.forEach((id, index) => at.set(id, { x: (width - rowWidth) / 2 + index * (BOX.width + BOX.gapX), y: BOX.margin + row * (BOX.height + BOX.gapY) }));
  }
  const parts: string[] = [];
  const subgraphs = new Set(Object.keys(view.nodes).filter((id) => id.includes(":")).map((id) => id.split(":")[0] ?? ""));
  for (const name of subgraphs) {
    const members = Object.keys(view.nodes).filter((id) => id.startsWith(`${name}:`)).map((id) => at.get(id)).filter((point) => point !== undefined);
    const left = Math.min(...members.map((point) => point.x)) - 16;
    const top = Math.min(...members.map((point) => point.y)) - 22;
    const right = Math.max(...members.map((point) => point.x)) + BOX.width + 16;
    const bottom = Math.max(...members.map((point) => point.y)) + BOX.height + 12;
    parts.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" rx="8" fill="#f7f7fb" stroke="#8a84c9" stroke-dasharray="6 4"/><text x="${left + 8}" y="${top + 15}" font-size="12" fill="#5b5499">${escape(name)}</text>`);
  }
  for (const edge of mergedEdges(view)) {
    const from = at.get(edge.source);
    const to = at.get(edge.target);
    if (from === undefined || to === undefined) continue;
    const dash = edge.conditional ? ` stroke-dasharray="5 4"` : "";
    const span = Math.round((to.y - from.y) / (BOX.height + BOX.gapY));
    const [x1, y1] = [from.x + BOX.width / 2, from.y + BOX.height];
    const [x2, y2] = [to.x + BOX.width / 2, to.y];
    let path = `M${x1},${y1} L${x2},${y2}`;
    let label = { x: (x1 + x2) / 2 + 6, y: (y1 + y2) / 2 + 4 };
    if (span <= 0) {
      // A loop back up (a retry) goes round the right-hand side instead of through the boxes.
      const bulge = from.x + BOX.width + 70;
      path = `M${from.x + BOX.width},${from.y + BOX.height / 2} C${bulge},${from.y + BOX.height / 2} ${bulge},${to.y + BOX.height / 2} ${to.x + BOX.width},${to.y + BOX.height / 2}`;
      label = { x: bulge - 10, y: (from.y + to.y) / 2 + BOX.height / 2 + 4 };
    } else if (span > 1 && Math.abs(x1 - x2) < BOX.width) {
      // Skipping layers in one column would cross the boxes between: round the left-hand side, further out the longer it is.
      const bulge = Math.min(from.x, to.x) - 30 - 18 * span;
      path = `M${from.x},${from.y + BOX.height / 2} C${bulge},${from.y + BOX.height / 2} ${bulge},${to.y + BOX.height / 2} ${to.x},${to.y + BOX.height / 2}`;
      label = { x: bulge - 4, y: (from.y + to.y) / 2 + BOX.height / 2 };
    }
    parts.push(`<path d="${path}" fill="none" stroke="#555"${dash} marker-end="url(#arrow)"/>`);
    if (edge.label !== "") parts.push(`<text x="${label.x}" y="${label.y}" font-size="10" fill="#333"${span > 1 ? ` text-anchor="end"` : ""}>${escape(edge.label)}</text>`);
  }
  for (const [id, node] of Object.entries(view.nodes)) {
    const point = at.get(id);
    if (point === undefined) continue;
    const terminal = node.name === "__start__" || node.name === "__end__";
    parts.push(`<rect x="${point.x}" y="${point.y}" width="${BOX.width}" height="${BOX.height}" rx="${terminal ? 18 : 6}" fill="${terminal ? "#ffffff" : "#f2f0ff"}" stroke="#5b5499"/><text x="${point.x + BOX.width / 2}" y="${point.y + BOX.height / 2 + 4}" font-size="13" text-anchor="middle" fill="#111">${escape(node.name)}</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs><rect width="100%" height="100%" fill="#ffffff"/>${parts.join("")}</svg>`;
}

/** The SVG as PNG bytes, through @resvg/resvg-js with the system's fonts. */
export function pngOf(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" }, fitTo: { mode: "zoom", value: 2 } }).render().asPng();
}
