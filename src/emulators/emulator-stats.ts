import type { EmulatorProvider } from "./profile.ts";

/** One row of the stats: how many requests of a backend, model and mode ended one way. */
export interface EmulatorStatsRow {
  backend: EmulatorProvider;
  model: string;
  /** emit | compressed | reconstruct | plain | tool, or "none" for requests that never reached a model. */
  mode: string;
  /** ok, a transport fault (rateLimit, serverError, ...), a fidelity fault (brokenJson, ...), or bad_request / not_found. */
  outcome: string;
  count: number;
}

/** What the emulators have served: totals by backend, and rows by backend, model, mode and outcome. */
export interface EmulatorStats {
  total: number;
  byBackend: Record<EmulatorProvider, number>;
  rows: EmulatorStatsRow[];
}

/** Counts requests as they are answered; cheap enough to call on every request. */
export class StatsRecorder {
  private readonly counts = new Map<string, EmulatorStatsRow>();

  record(backend: EmulatorProvider, model: string, mode: string, outcome: string): void {
    const key = [backend, model, mode, outcome].join("\u0000");
    const row = this.counts.get(key);
    if (row === undefined) this.counts.set(key, { backend, model, mode, outcome, count: 1 });
    else row.count += 1;
  }

  snapshot(): EmulatorStats {
    const rows = [...this.counts.values()].map((row) => ({ ...row }));
    rows.sort((left, right) => [left.backend, left.model, left.mode, left.outcome].join("|").localeCompare([right.backend, right.model, right.mode, right.outcome].join("|")));
    const byBackend: Record<EmulatorProvider, number> = { openai: 0, gemini: 0, ollama: 0 };
    for (const row of rows) byBackend[row.backend] += row.count;
    return { total: rows.reduce((sum, row) => sum + row.count, 0), byBackend, rows };
  }
}
