import { Counter, type Registry } from "prom-client";

/** Session keys remembered at once; the oldest is forgotten first (callers choose keys, memory is ours). */
const MAX_SESSIONS = 10_000;

/**
 * Prompt-cache affinity, observed: for a request with a session key (`user`, or the prompt prefix), whether
 * the deployment that answered is the one that answered that key's previous request (a hit: the provider's
 * prompt cache is likely warm), another one (a miss: failover, cooldown, or a strategy without affinity), or
 * the key is new. Exported as `switchyard_openai_affinity_total{result}`.
 */
export class AffinityTracker {
  readonly #last = new Map<string, string>();
  readonly #counter: Counter<"result"> | undefined;
  readonly counts = { hit: 0, miss: 0, new: 0 };

  constructor(registry?: Registry) {
    this.#counter = registry === undefined ? undefined : new Counter({ name: "switchyard_openai_affinity_total", help: "Requests with a session key on /v1 by whether they reached the same deployment as the key's previous request.", labelNames: ["result"], registers: [registry] });
  }

  observe(sessionKey: string | undefined, deployment: string | undefined): void {
    if (sessionKey === undefined || deployment === undefined) return;
    const previous = this.#last.get(sessionKey);
    const result = previous === undefined ? "new" : previous === deployment ? "hit" : "miss";
    this.counts[result] += 1;
    this.#counter?.inc({ result });
    this.#last.delete(sessionKey);
    this.#last.set(sessionKey, deployment);
    if (this.#last.size > MAX_SESSIONS) this.#last.delete(this.#last.keys().next().value ?? "");
  }
}
