/** An axis-aligned box in SVG user units (y grows downward). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A label to place next to a marker at (anchorX, anchorY) whose own extent is `radius`. */
export interface LabelRequest {
  anchorX: number;
  anchorY: number;
  radius: number;
  text: string;
}

/** Where a label went: its box, the text baseline point, and whether it sits away from its marker (draw a leader line). */
export interface PlacedLabel {
  box: Box;
  textX: number;
  textY: number;
  leader: boolean;
}

/** Width and height of a label at the plot's font size: a conservative estimate (sans-serif, 9 px). */
export function labelSize(text: string, fontSize = 9): { width: number; height: number } {
  return { width: Math.ceil(text.length * fontSize * 0.62) + 2, height: fontSize + 3 };
}

export function overlaps(left: Box, right: Box): boolean {
  return left.x < right.x + right.width && right.x < left.x + left.width && left.y < right.y + right.height && right.y < left.y + left.height;
}

function inside(box: Box, bounds: Box): boolean {
  return box.x >= bounds.x && box.y >= bounds.y && box.x + box.width <= bounds.x + bounds.width && box.y + box.height <= bounds.y + bounds.height;
}

/**
 * Greedy label placement without collisions: each label tries spots around its marker (right, left, above,
 * below, the diagonals), then rings further out (drawn with a leader line), and takes the first spot that
 * stays inside `bounds` and overlaps no placed label and no obstacle (the markers). Labels nearest the
 * crowded middle go first. A label with no free spot within reach is dropped (undefined): overlapping text
 * is worse than a missing label, and the marker's tooltip still names it.
 *
 * @example
 * placeLabels([{ anchorX: 50, anchorY: 50, radius: 4, text: "cmp s+" }], { x: 0, y: 0, width: 200, height: 100 }, [])
 */
export function placeLabels(requests: readonly LabelRequest[], bounds: Box, obstacles: readonly Box[], fontSize = 9): Array<PlacedLabel | undefined> {
  const placed: Box[] = [];
  const result: Array<PlacedLabel | undefined> = requests.map(() => undefined);
  const order = requests.map((request, index) => ({ request, index })).sort((left, right) => left.request.anchorY - right.request.anchorY || left.request.anchorX - right.request.anchorX);
  for (const { request, index } of order) {
    const size = labelSize(request.text, fontSize);
    const own: Box = { x: request.anchorX - request.radius, y: request.anchorY - request.radius, width: request.radius * 2, height: request.radius * 2 };
    const blockers = [...placed, ...obstacles.filter((box) => !sameBox(box, own))];
    let chosen: PlacedLabel | undefined;
    for (let ring = 0; ring < 9 && chosen === undefined; ring += 1) {
      const distance = request.radius + 2 + ring * 9;
      const steps = ring === 0 ? 8 : 16;
      for (let step = 0; step < steps && chosen === undefined; step += 1) {
        const angle = ring === 0 ? [0, Math.PI, -Math.PI / 2, Math.PI / 2, -Math.PI / 4, (-3 * Math.PI) / 4, Math.PI / 4, (3 * Math.PI) / 4][step] ?? 0 : (2 * Math.PI * step) / steps;
        const dx = Math.cos(angle) * distance;
        const dy = Math.sin(angle) * distance;
        // Anchor the box on the side facing the marker, so a label to the left ends at the marker.
        const x = request.anchorX + dx - (Math.cos(angle) < -0.3 ? size.width : Math.cos(angle) > 0.3 ? 0 : size.width / 2);
        const y = request.anchorY + dy - (Math.sin(angle) < -0.3 ? size.height : Math.sin(angle) > 0.3 ? 0 : size.height / 2);
        const box = { x, y, ...size };
        if (!inside(box, bounds) || blockers.some((blocker) => overlaps(box, blocker))) continue;
        chosen = { box, textX: x + 1, textY: y + size.height - 3, leader: ring > 0 };
      }
    }
    if (chosen !== undefined) placed.push(chosen.box);
    result[index] = chosen;
  }
  return result;
}

function sameBox(left: Box, right: Box): boolean {
  return Math.abs(left.x - right.x) < 0.01 && Math.abs(left.y - right.y) < 0.01 && Math.abs(left.width - right.width) < 0.01;
}
