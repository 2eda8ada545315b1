import fs from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import type { TriadCell } from "./triad-report.ts";
import { renderTriadPicture, type TriadMarker, type TriadPlotInput } from "./triad-plot.ts";

/** The marker family of a study cell, from its name ("… emit-json-schema schema:on compress:off"). */
export function markerOf(cell: string): TriadMarker {
  if (/emit-tool/.test(cell)) return "tool";
  if (/compressed/.test(cell)) return "compressed";
  if (/reconstruct/.test(cell)) return "reconstruct";
  return "json";
}

/**
 * The plot's input from the study's figures: every factorial cell as a point (labelled by its contract
 * switches: `s+` schema constraint on, `c+` transport compression on), and the policy named `adaptive` per backend.
 *
 * @example
 * triadPlotInput(result.cells, result.policies, "switchyard triad")
 */
export function triadPlotInput(cells: readonly TriadCell[], policies: ReadonlyArray<TriadCell & { policy: string }>, title: string): TriadPlotInput {
  return {
    title,
    points: cells.map((cell) => ({
      backend: cell.backend,
      marker: markerOf(cell.cell),
      label: `${/schema:on/.test(cell.cell) ? "s+" : "s-"}${/compress:on/.test(cell.cell) ? "c+" : "c-"}`,
      correctRate: cell.correctRate,
      p50Ms: cell.p50Ms,
      costPerRequestUsd: cell.costPerRequestUsd,
    })),
    adaptive: policies.filter((policy) => policy.policy === "adaptive").map((policy) => ({ backend: policy.backend, correctRate: policy.correctRate, p50Ms: policy.p50Ms, costPerRequestUsd: policy.costPerRequestUsd })),
  };
}

/**
 * Writes `NAME.svg` and `NAME.png` (rendered from the SVG with resvg, system fonts, no network) into `dir`
 * and returns their paths.
 */
export function writeTriadPicture(input: TriadPlotInput, dir: string, name = "triad"): { svg: string; png: string } {
  const { svg } = renderTriadPicture(input);
  fs.mkdirSync(dir, { recursive: true });
  const svgPath = path.join(dir, `${name}.svg`);
  const pngPath = path.join(dir, `${name}.png`);
  fs.writeFileSync(svgPath, svg);
  const png = new Resvg(svg, { background: "white", fitTo: { mode: "zoom", value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } }).render().asPng();
  fs.writeFileSync(pngPath, png);
  return { svg: svgPath, png: pngPath };
}
