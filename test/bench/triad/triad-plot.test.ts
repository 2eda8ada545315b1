import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { overlaps, placeLabels } from "../../../bench/triad/label-layout.ts";
import { triadPlotInput, writeTriadPicture } from "../../../bench/triad/triad-picture.ts";
import { paretoFront, renderTriadPicture } from "../../../bench/triad/triad-plot.ts";
import { studyCells } from "../../fixtures/output-modes/triad-cells.ts";

describe("the triad picture", () => {
  const { cells, policies } = studyCells();
  const input = triadPlotInput(cells, policies, "triad");

  it("draws one panel per backend, side by side, each with its cells and the adaptive policy", () => {
    const picture = renderTriadPicture(input);
    expect(picture.panels.map((panel) => panel.backend)).toEqual(["openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"]);
    for (const [index, panel] of picture.panels.entries()) {
      const next = picture.panels[index + 1];
      if (next !== undefined) expect(overlaps(panel.box, next.box)).toBe(false);
      expect(picture.labels.filter((label) => label.backend === panel.backend && label.text === "adaptive")).toHaveLength(1);
    }
    expect(picture.svg.match(/<polygon points="[^"]+" fill="#ffbf00"/g)?.length).toBe(4); // 3 panels + the legend
    expect(picture.svg).toMatch(/stroke-dasharray/);
  });

  it("labels never overlap one another, and stay inside their panel, even for cells on top of each other", () => {
    for (const seed of [1, 2, 3, 7, 11]) {
      const { cells: crowded, policies: adaptive } = studyCells(seed);
      const picture = renderTriadPicture(triadPlotInput(crowded, adaptive, "triad"));
      for (const panel of picture.panels) {
        const labels = picture.labels.filter((label) => label.backend === panel.backend);
        expect(labels.length).toBeGreaterThanOrEqual(15);
        for (const [index, label] of labels.entries()) {
          expect(label.box.x).toBeGreaterThanOrEqual(panel.box.x);
          expect(label.box.x + label.box.width).toBeLessThanOrEqual(panel.box.x + panel.box.width);
          for (const other of labels.slice(index + 1)) expect(overlaps(label.box, other.box)).toBe(false);
        }
      }
    }
  });

  it("places a label off a marker it would cover, or leaves it out rather than overlap", () => {
    const placed = placeLabels(
      Array.from({ length: 40 }, () => ({ anchorX: 50, anchorY: 50, radius: 5, text: "json s+c+" })),
      { x: 0, y: 0, width: 100, height: 100 },
      [{ x: 45, y: 45, width: 10, height: 10 }],
    );
    const boxes = placed.flatMap((label) => (label === undefined ? [] : [label.box]));
    expect(boxes.length).toBeGreaterThanOrEqual(3);
    expect(placed.some((label) => label === undefined)).toBe(true);
    for (const [index, box] of boxes.entries()) for (const other of boxes.slice(index + 1)) expect(overlaps(box, other)).toBe(false);
  });

  it("the Pareto front keeps exactly the points nothing beats on cost, latency and correctness together", () => {
    const a = { costPerRequestUsd: 1, p50Ms: 10, correctRate: 0.9 };
    const b = { costPerRequestUsd: 2, p50Ms: 5, correctRate: 0.9 };
    const c = { costPerRequestUsd: 2, p50Ms: 10, correctRate: 0.9 };
    const d = { costPerRequestUsd: 3, p50Ms: 20, correctRate: 0.99 };
    expect(paretoFront([a, b, c, d])).toEqual([a, b, d]);
  });

  it("writes the SVG and a PNG rendered from it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "triad-"));
    const written = writeTriadPicture(input, dir);
    expect(fs.readFileSync(written.svg, "utf8")).toMatch(/^<svg /);
    expect(fs.readFileSync(written.png).subarray(1, 4).toString()).toBe("PNG");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
