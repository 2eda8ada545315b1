/** How many of a deployment's latest routed attempts the share is read over. */
const WINDOW = 50;
/** Attempts each side (the deployment, the rest of the fleet pooled) needs before a share is compared. */
const MIN_SAMPLES = 20;
/** The deployment refuses at least this share of its attempts ... */
const MIN_SHARE = 0.5;
/** ... and at least this much more than the rest of the fleet pooled. */
const MIN_EXCESS = 0.4;

/**
 * Which deployments refuse as the caller's fault (malformed, over the context window, against content policy)
 * what the rest of the fleet serves. Such refusals leave the guardian's windows, so a caller cannot quarantine a
 * healthy deployment by sending bad requests; but then a deployment that answers 400 to everything (a model
 * renamed, an API version it no longer takes) was caught by nothing. The router spreads requests without
 * reading them, so a caller's bad requests reach every deployment in the same share: only a deployment that
 * refuses far more than the rest is an outlier, and its refusals then count as its failures. Requests that
 * pin a deployment are left out (a caller chooses where they go). A fleet of one deployment has no peers to
 * compare with: nothing is judged there.
 *
 * @example
 * shares.record("openai-a", refused);
 * if (refused && !shares.outlier("openai-a")) return; // the caller's fault
 */
export class RefusalShares {
  readonly #recent = new Map<string, { refused: boolean[]; next: number; count: number }>();

  record(deployment: string, refused: boolean): void {
    let ring = this.#recent.get(deployment);
    if (ring === undefined) {
      ring = { refused: [], next: 0, count: 0 };
      this.#recent.set(deployment, ring);
    }
    if (ring.refused.length < WINDOW) ring.refused.push(refused);
    else {
      if (ring.refused[ring.next]) ring.count -= 1;
      ring.refused[ring.next] = refused;
    }
    if (refused) ring.count += 1;
    ring.next = (ring.next + 1) % WINDOW;
  }

  /** Whether `deployment` refuses as the caller's fault far more of its attempts than every other deployment together. */
  outlier(deployment: string): boolean {
    const own = this.#recent.get(deployment);
    if (own === undefined || own.refused.length < MIN_SAMPLES) return false;
    let peerRefused = 0;
    let peerTotal = 0;
    for (const [id, ring] of this.#recent) {
      if (id === deployment) continue;
      peerRefused += ring.count;
      peerTotal += ring.refused.length;
    }
    if (peerTotal < MIN_SAMPLES) return false;
    const share = own.count / own.refused.length;
    return share >= MIN_SHARE && share - peerRefused / peerTotal >= MIN_EXCESS;
  }
}
