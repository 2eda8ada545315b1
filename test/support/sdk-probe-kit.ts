/** The SDK probe's shared parts: its context, step type, checks and runner (the steps are in sdk-probe.ts). */
import type { Client } from "@langchain/langgraph-sdk";

/** What the steps share: the client and the ids earlier steps made. */
export interface ProbeContext {
  client: Client;
  apiUrl: string;
  ids: Record<string, string>;
}

export interface ProbeStep {
  name: string;
  run(context: ProbeContext): Promise<void>;
}

export interface ProbeResult {
  name: string;
  ok: boolean;
  error?: string;
}

/** Throws with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Runs `call` and throws unless it failed with an HTTP status in `statuses`. */
export async function rejects(call: () => Promise<unknown>, statuses: readonly number[], what: string): Promise<void> {
  try {
    await call();
  } catch (error) {
    const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : undefined;
    check(status !== undefined && statuses.includes(status), `${what}: expected HTTP ${statuses.join("/")}, got ${status ?? String(error)}`);
    return;
  }
  throw new Error(`${what}: expected HTTP ${statuses.join("/")}, got a success`);
}

/** The ticket every gateway run answers. */
export const ticket = "My order ORD-1 never arrived and I want a refund of $40";

/** Runs every step in order; a failing step is recorded and the probe goes on. */
export async function runProbe(context: ProbeContext, steps: readonly ProbeStep[]): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const step of steps) {
    try {
      await step.run(context);
      results.push({ name: step.name, ok: true });
    } catch (error) {
      results.push({ name: step.name, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}
