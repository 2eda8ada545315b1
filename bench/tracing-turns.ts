/**
 * What one turn of the event loop per block adds to the paired A/B (`SWITCHYARD_BENCH_PART=turns`): the cheap
 * graph (bench/tracing-paired.ts) untraced; untraced with a zero timer at each block's end; traced to the
 * in-memory exporter (its flush waits for the exporter's zero timer); traced to an exporter that answers at
 * once (the same span processor, no turn of the loop). Blocks of 10 rotate through the four in one process;
 * each path's difference from the plain untraced one per round, with 95 % t intervals. Why: the paired A/B
 * once let only the traced blocks turn the loop, and the main thread's work that waits for a turn (timers and
 * I/O callbacks of the gateways, there whether tracing is on or not) was charged to tracing.
 */
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { Engine } from "../src/runtime/engine.ts";
import { requestEnd, requestStartAttributes } from "../src/telemetry/tracing-attributes.ts";
import { createTracing } from "../src/telemetry/tracing.ts";
import { mainThreadCpuMs, meanDifference } from "./tracing-attribution.ts";
import { BenchGateways } from "./tracing-gateways.ts";
import { cheapGraph, eventLoopTurn } from "./tracing-paired.ts";
import type { BenchFigure } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_TURNS_ROUNDS ?? 200);
const BLOCK = 10;

/** An exporter that takes the batch and answers at once: no timer, no turn of the event loop. */
class AnsweringExporter implements SpanExporter {
  spans = 0;
  export(spans: ReadableSpan[], done: Parameters<SpanExporter["export"]>[1]): void {
    this.spans += spans.length;
    done({ code: 0 });
  }
  async shutdown(): Promise<void> {}
}

export async function turnsFigures(): Promise<BenchFigure[]> {
  const bench = new BenchGateways("bench/tracing-turns.ts");
  let answering: Awaited<ReturnType<typeof createTracing>>;
  try {
    const off = await bench.start();
    const inMemory = await bench.start({ config: bench.traced, tracing: { exporter: bench.exporter } });
    answering = await createTracing(bench.traced.telemetry?.tracing, { exporter: new AnsweringExporter() });
    const engines: Record<string, Engine> = {
      untraced: off.engine,
      "untraced + a zero timer": off.engine,
      "traced, in-memory exporter": inMemory.engine,
      "traced, exporter answering at once": Object.create(off.engine, { tracing: { value: answering } }) as Engine,
    };
    const names = Object.keys(engines);
    let graph = cheapGraph();
    const block = async (name: string, offset: number): Promise<number> => {
      const engine = engines[name]!;
      const cpu = mainThreadCpuMs();
      for (let index = 0; index < BLOCK; index++) {
        const threadId = `${name}-${offset + index}`;
        const run = () => graph.invoke({ input: "hello" }, { configurable: { thread_id: threadId }, context: { engine } });
        const state = engine.tracing === undefined ? await run() : await engine.tracing.requests.request(threadId, "gateway", requestStartAttributes("gateway", threadId), run, requestEnd);
        if (state.status !== "succeeded") throw new Error(`request failed: ${state.status}`);
      }
      await engine.tracing?.flush();
      if (name === "untraced + a zero timer") await eventLoopTurn();
      const used = mainThreadCpuMs() - cpu;
      bench.exporter.reset();
      return used / BLOCK;
    };
    for (let round = 0; round < 40; round++) for (const name of names) await block(name, -1_000_000 + round * BLOCK);
    const perBlock: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 50 === 0) graph = cheapGraph();
      for (let index = 0; index < names.length; index++) {
        const name = names[(index + round) % names.length]!;
        perBlock[name]!.push(await block(name, round * BLOCK));
      }
    }
    const figures: BenchFigure[] = [];
    for (const name of names.slice(1)) {
      const difference = meanDifference(perBlock[name]!.map((value, index) => value - perBlock.untraced![index]!));
      figures.push({ metric: `turns: ${name} − untraced, CPU per request`, value: difference.mean, unit: "ms", baseline: "untraced" }, { metric: `turns: ± 95 % (t), ${name}`, value: difference.halfWidth, unit: "ms" });
    }
    return [...figures, { metric: "turns: requests per path", value: ROUNDS * BLOCK, unit: "requests" }];
  } finally {
    await answering?.shutdown();
    await bench.close();
  }
}
