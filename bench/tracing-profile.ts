/**
 * Reading a V8 CPU profile (node:inspector's `Profiler.stop`) for tracing's share of it: which samples ran
 * tracing code, and which ran the garbage collector. Used by bench/tracing-attribution.ts.
 */

/** The parts of a `Profiler.Profile` this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Samples of one profile, by what they ran: all (busy, not idle), tracing's, the garbage collector's. */
export interface SampleCounts {
  busy: number;
  tracing: number;
  gc: number;
  /** The same, weighted by each sample's time delta (µs): wall time while sampled, the check on the counts. */
  busyUs: number;
  tracingUs: number;
}

export const emptyCounts = (): SampleCounts => ({ busy: 0, tracing: 0, gc: 0, busyUs: 0, tracingUs: 0 });

/** Adds `more` into `counts`. */
export function addCounts(counts: SampleCounts, more: SampleCounts): void {
  counts.busy += more.busy;
  counts.tracing += more.tracing;
  counts.gc += more.gc;
  counts.busyUs += more.busyUs;
  counts.tracingUs += more.tracingUs;
}

/**
 * Tracing's code: every file of src/telemetry/ but the metrics' named below (the request tracer, its spans, attributes,
 * wrappers and span processor, and any file added beside them: a new file is not left out), and the
 * OpenTelemetry packages (the exporter). Not metrics.ts, percentile.ts or timings.ts: they are in src/telemetry/
 * but serve the Prometheus metrics, which run whether tracing is on or not.
 */
const TRACING_FILE = /\/src\/telemetry\/(?!(metrics|percentile|timings|index)\.ts$)[\w-]+\.ts$|\/node_modules\/@opentelemetry\//;

/**
 * The tracer's functions that run the traced work itself (`run`, `open`): a frame of the work they call is the
 * request's own work, not tracing, though a tracing frame is under it. Counting inclusively would otherwise
 * count each node's synchronous start (the node runs inside `node`'s frame until its first await) as tracing.
 */
const WRAPPER = /\/src\/telemetry\/(request-tracer\.ts:(request|node|modelCall|stream)|traced-model-call\.ts:tracedModelCall)$/;

const frameOf = (node: CpuProfile["nodes"][number]) => `${node.callFrame.url}:${node.callFrame.functionName}`;
const hasSource = (url: string) => url !== "" && !url.startsWith("node:");

/**
 * Per profile node, whether a sample there is tracing's: a tracing frame on its stack, and no frame of the
 * traced work (a frame with a source file, called from a wrapper) between that and the sample. Builtins and
 * node: internals between a wrapper and the work do not end tracing; the first project or library frame does.
 */
export function tracingNodes(profile: CpuProfile): Set<number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const tracing = new Set<number>();
  // Depth-first from the root(s), carrying whether the stack is tracing and whether a wrapper is the nearest
  // tracing frame with only builtins since (so the next frame with a source is the work it runs).
  const stack: { id: number; inTracing: boolean; underWrapper: boolean }[] = profile.nodes.filter((node) => !childIds.has(node.id)).map((node) => ({ id: node.id, inTracing: false, underWrapper: false }));
  while (stack.length > 0) {
    const { id, inTracing, underWrapper } = stack.pop()!;
    const node = byId.get(id);
    if (node === undefined) continue;
    const url = node.callFrame.url;
    let here = inTracing;
    let wrapper = underWrapper;
    if (TRACING_FILE.test(url)) {
      here = true;
      wrapper = WRAPPER.test(frameOf(node));
    } else if (hasSource(url)) {
      if (underWrapper) here = false;
      wrapper = false;
    }
    if (here) tracing.add(id);
    for (const child of node.children ?? []) stack.push({ id: child, inTracing: here, underWrapper: wrapper });
  }
  return tracing;
}

/** Adds one profile's samples to `counts`. */
export function countSamples(profile: CpuProfile, counts: SampleCounts): void {
  const tracing = tracingNodes(profile);
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let index = 0; index < samples.length; index++) {
    const id = samples[index]!;
    const name = names.get(id);
    if (name === "(idle)" || name === "(root)") continue;
    // A sample's delta is the time since the previous one: it belongs to the interval this sample closes.
    const us = Math.max(0, deltas[index] ?? 0);
    counts.busy++;
    counts.busyUs += us;
    if (name === "(garbage collector)") counts.gc++;
    if (tracing.has(id)) {
      counts.tracing++;
      counts.tracingUs += us;
    }
  }
}
