/**
 * The baseline both request-cost benches measure the gateway against: the same structured request as one direct
 * ChatOpenAI call (emit mode, streamed, parsed and checked against the schema), no graph around it.
 */
import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import type { Gateway } from "../graphs/create-gateway.ts";
import { prepareModeCall } from "../src/output-modes/index.ts";
import { ticketExtractionSchema } from "../src/workload/index.ts";

export function directCall(gateway: Pick<Gateway, "engine">, deployment: string, inputOf: (index: number) => string): (index: number) => Promise<void> {
  const { runnable } = prepareModeCall({ model: gateway.engine.model(deployment), provider: "openai", mode: "emit", schema: ticketExtractionSchema, schemaName: "ticket_extraction" });
  return async (index) => {
    const messages: BaseMessage[] = [new HumanMessage(inputOf(index))];
    let text = "";
    for await (const chunk of await runnable.stream(messages)) text += typeof chunk.content === "string" ? chunk.content : "";
    ticketExtractionSchema.parse(JSON.parse(text));
  };
}
