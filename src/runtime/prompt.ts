import type { GatewayRequest } from "../state/gateway-state.ts";

const instructions: Record<string, string> = {
  ticket:
    "Read the support ticket below and extract: its category, priority, the customer's sentiment, the named entities in order of first mention, the next support action, and any money amount (null if none).",
};

/** The user message for a request: the schema's task instruction, then the input verbatim. */
export function promptFor(request: GatewayRequest): string {
  const instruction = instructions[request.schema_id];
  return instruction === undefined ? request.input : `${instruction}\n\nTicket:\n${request.input}`;
}
