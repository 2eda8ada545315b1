/** One figure of a benchmark, as written to `.switchyard/bench/NAME.json`. */
export interface BenchFigure {
  metric: string;
  value: number;
  unit: string;
  goal?: number;
  baseline?: string;
  ratio?: number;
}

export interface BenchResult {
  name: string;
  figures: BenchFigure[];
}
