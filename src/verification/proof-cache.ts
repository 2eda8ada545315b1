import type { ProofResult } from "./proof-result.ts";

/**
 * Proofs by key (policy hash + plan hash), least recently used out first. A proof depends only on the
 * policy and the plan, so a hit needs no solver.
 */
export class ProofCache {
  private readonly entries = new Map<string, ProofResult>();

  constructor(private readonly capacity = 1_000) {}

  get(key: string): ProofResult | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, result: ProofResult): void {
    this.entries.delete(key);
    this.entries.set(key, result);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
