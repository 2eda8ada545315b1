import type { Sleep } from "../routing/sleep.ts";
import type { EventSink, GuardianEvent } from "./guardian-event.ts";

export interface WebhookOptions {
  url: string;
  maxAttempts: number;
  initialBackoffMs: number;
  timeoutMs: number;
  sleep: Sleep;
  now: () => number;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Where a delivery that gave up is reported (the event log, as a `delivery` event). */
  onFailure?: (event: GuardianEvent) => void;
}

/**
 * Posts each event as JSON to a webhook, retrying with doubling backoff. `record` never waits: delivery
 * runs in the background so a slow or dead receiver cannot hold a request; `drain()` waits for it
 * (shutdown, tests). A delivery that gives up is logged through `onFailure`, never thrown.
 */
export class WebhookNotifier implements EventSink {
  readonly #options: WebhookOptions;
  readonly #pending = new Set<Promise<void>>();
  delivered = 0;
  failed = 0;

  constructor(options: WebhookOptions) {
    this.#options = options;
  }

  record(event: GuardianEvent): void {
    // A delivery failure notice must not be delivered again, or a dead hook would loop.
    if (event.category === "delivery") return;
    const delivery = this.#deliver(event).finally(() => this.#pending.delete(delivery));
    this.#pending.add(delivery);
  }

  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #deliver(event: GuardianEvent): Promise<void> {
    const { url, maxAttempts, initialBackoffMs, timeoutMs, sleep } = this.#options;
    const post = this.#options.fetch ?? fetch;
    let lastError = "";
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      try {
        const response = await post(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ...event, at: new Date(event.at).toISOString() }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.ok) {
          this.delivered += 1;
          return;
        }
        lastError = `HTTP ${response.status}`;
        // A 4xx other than 429 will not change on retry.
        if (response.status < 500 && response.status !== 429) break;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      if (attempt < maxAttempts) await sleep(initialBackoffMs * 2 ** (attempt - 1));
    }
    this.failed += 1;
    this.#options.onFailure?.({
      at: this.#options.now(),
      category: "delivery",
      kind: "webhook_failed",
      subject: url,
      reason: `could not deliver ${event.category}/${event.kind} for ${event.subject}: ${lastError}`,
      evidence: { event_at: event.at, last_error: lastError },
    });
  }
}
