/**
 * What the saver's serializer takes to write a `messages` value (issue #18): the default JsonPlusSerializer
 * against FastSerde (checkpoints/fast-serde.ts), which writes a list of messages through each message's toJSON
 * and one JSON.stringify, in one process, alternating passes. The messages are the gateway's own kind: a
 * prompt and a JSON answer, stamped with token counts; a thread's history is written again with each new
 * message, so the list length is varied. Printed: the median CPU time of the passes after the first, per write.
 *
 *   npx tsx bench/gateway-serde.ts
 */
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { JsonPlusSerializer, type SerializerProtocol } from "@langchain/langgraph-checkpoint";
import { FastSerde } from "../checkpoints/fast-serde.ts";
import { median } from "./paired-blocks.ts";

const passes = Number(process.env.PASSES ?? 9);
const serializers: Record<string, Pick<SerializerProtocol, "dumpsTyped">> = { jsonplus: new JsonPlusSerializer(), fast: new FastSerde(new JsonPlusSerializer()) };
const prompt = new HumanMessage({
  content: "My order ORD-1 never arrived and the tracking page has said nothing for a week; please tell me where it is. ".repeat(3),
  id: "h1",
  response_metadata: { token_counts: { length: 330, estimate: 84, o200k_base: 71 } },
});
const answer = new AIMessage({
  content: JSON.stringify({ category: "shipping", order_id: "ORD-1", urgency: "high", summary: "order never arrived" }),
  name: "openai-gpt-4o-mini",
  id: "a1",
  response_metadata: { token_counts: { length: 96, estimate: 26, o200k_base: 23 } },
});
for (const length of [1, 2, 20, 200]) {
  const history = Array.from({ length }, (_, index) => (index % 2 === 0 ? prompt : answer));
  const repeats = Math.max(50, Math.round(20_000 / length));
  const times: Record<string, number[]> = { jsonplus: [], fast: [] };
  for (let pass = 0; pass < passes; pass++) {
    for (const name of pass % 2 === 0 ? ["jsonplus", "fast"] : ["fast", "jsonplus"]) {
      // CPU time, not wall: on a shared machine a pass may wait for a core.
      const started = process.cpuUsage();
      for (let repeat = 0; repeat < repeats; repeat++) await serializers[name]!.dumpsTyped(history);
      const used = process.cpuUsage(started);
      times[name]!.push((used.user + used.system) / 1000 / repeats);
    }
  }
  const [slow, fast] = [median(times.jsonplus!.slice(1)), median(times.fast!.slice(1))];
  console.log(`messages value of ${String(length).padStart(3)}: JsonPlus ${slow.toFixed(4)} ms, FastSerde ${fast.toFixed(4)} ms per write (${(fast / slow).toFixed(2)}x)`);
}
