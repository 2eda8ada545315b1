/**
 * The gateway graph's overhead over a direct ChatOpenAI call against the same emulator, same request, in
 * the same run: p50 and p99 of each, and their ratio. Checkpoints go to an in-memory SQLite file so the
 * figure includes the saver (a gateway without persistence is not what runs in production).
 */
import type { BaseMessage } from "@langchain/core/messages";
import { HumanMessage } from "@langchain/core/messages";
import { createGateway } from "../graphs/create-gateway.ts";
import { quietProfile, emulatorLauncher } from "../src/emulators/index.ts";
import { prepareModeCall } from "../src/output-modes/index.ts";
import { ticketExtractionSchema, workloadTasks } from "../src/workload/index.ts";
import { percentile } from "../src/telemetry/percentile.ts";
import type { BenchResult } from "./types.ts";

const ROUNDS = Number(process.env.SWITCHYARD_BENCH_ROUNDS ?? 300);

export async function run(): Promise<BenchResult> {
  const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:" });
  try {
    const deployment = "openai-gpt-4o-mini";
    const { runnable } = prepareModeCall({
      model: gateway.engine.model(deployment),
      provider: "openai",
      mode: "emit",
      schema: ticketExtractionSchema,
      schemaName: "ticket_extraction",
    });
    const tasks = workloadTasks();
    const direct: number[] = [];
    const viaGateway: number[] = [];
    const timeDirect = async (input: string) => {
      const messages: BaseMessage[] = [new HumanMessage(input)];
      const started = performance.now();
      // The same streamed call the gateway makes, parsed the way an app without switchyard would.
      let text = "";
      for await (const chunk of await runnable.stream(messages)) text += typeof chunk.content === "string" ? chunk.content : "";
      ticketExtractionSchema.parse(JSON.parse(text));
      return performance.now() - started;
    };
    const timeGateway = async (input: string, index: number) => {
      const started = performance.now();
      const state = await gateway.invoke({ input, deployment, mode: "emit" }, { threadId: `bench-${index}` });
      if (state.status !== "succeeded") throw new Error(`gateway request failed: ${state.error?.message}`);
      return performance.now() - started;
    };
    for (let index = 0; index < 20; index++) {
      await timeDirect(tasks[index]!.input);
      await timeGateway(tasks[index]!.input, -index - 1);
    }
    // Interleaved so machine noise hits both sides alike.
    for (let index = 0; index < ROUNDS; index++) {
      const input = tasks[index % tasks.length]!.input;
      direct.push(await timeDirect(input));
      viaGateway.push(await timeGateway(input, index));
    }
    const directP50 = percentile(direct, 0.5);
    const directP99 = percentile(direct, 0.99);
    const gatewayP50 = percentile(viaGateway, 0.5);
    const gatewayP99 = percentile(viaGateway, 0.99);
    const baseline = "direct ChatOpenAI call, same emulator, same run";
    return {
      name: "gateway-overhead",
      figures: [
        { metric: "direct call p50", value: directP50, unit: "ms" },
        { metric: "direct call p99", value: directP99, unit: "ms" },
        { metric: "gateway p50", value: gatewayP50, unit: "ms", baseline, ratio: gatewayP50 / directP50 },
        { metric: "gateway p99", value: gatewayP99, unit: "ms", baseline, ratio: gatewayP99 / directP99 },
        { metric: "gateway overhead p50", value: gatewayP50 - directP50, unit: "ms", baseline },
      ],
    };
  } finally {
    await gateway.close();
  }
}
