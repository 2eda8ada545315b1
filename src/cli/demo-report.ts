import { OUTPUT_MODES } from "../config/providers.ts";
import { percentile } from "../telemetry/percentile.ts";

/** One finished demo request, as the report aggregates it. */
export interface DemoSample {
  backend: string;
  mode: string;
  valid: boolean;
  /** Valid on the first attempt, before the gateway's loop helped. */
  firstPassValid: boolean;
  correct: boolean;
  latencyMs: number;
  tokens: number;
  costUsd: number;
}

/** A (backend, mode) cell of `.switchyard/report.json`. */
export interface ReportCell {
  backend: string;
  mode: string;
  requests: number;
  validRate: number;
  firstPassValidRate: number;
  correctRate: number;
  p50Ms: number;
  p95Ms: number;
  tokens: number;
  costUsd: number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

const modeOrder: readonly string[] = OUTPUT_MODES;

/** One cell per (backend, mode), in the given backend order (then first appearance), then emit, compressed, reconstruct. */
export function aggregate(samples: readonly DemoSample[], backendOrder: readonly string[] = []): ReportCell[] {
  const cells = new Map<string, DemoSample[]>();
  for (const sample of samples) {
    const key = `${sample.backend}\u0000${sample.mode}`;
    const list = cells.get(key) ?? [];
    list.push(sample);
    cells.set(key, list);
  }
  const backends = [...new Set([...backendOrder, ...samples.map((sample) => sample.backend)])];
  const rank = (cell: ReportCell) => backends.indexOf(cell.backend) * 10 + modeOrder.indexOf(cell.mode);
  const result = [...cells.values()].map((list): ReportCell => {
    const first = list[0] as DemoSample;
    const rate = (predicate: (sample: DemoSample) => boolean) => round(list.filter(predicate).length / list.length, 4);
    const latencies = list.map((sample) => sample.latencyMs);
    return {
      backend: first.backend,
      mode: first.mode,
      requests: list.length,
      validRate: rate((sample) => sample.valid),
      firstPassValidRate: rate((sample) => sample.firstPassValid),
      correctRate: rate((sample) => sample.correct),
      p50Ms: round(percentile(latencies, 0.5), 1),
      p95Ms: round(percentile(latencies, 0.95), 1),
      tokens: list.reduce((sum, sample) => sum + sample.tokens, 0),
      costUsd: round(list.reduce((sum, sample) => sum + sample.costUsd, 0), 6),
    };
  });
  return result.sort((left, right) => rank(left) - rank(right));
}
