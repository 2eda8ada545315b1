import { describe, it, expect } from "vitest";
import { select, type SelectRequest } from "../../../../src/routing/index.ts";
import { fnv1a, idHash, rendezvousScore } from "../../../../src/routing/strategies/rendezvous-hash.ts";
import type { DeploymentConfig } from "../../../../src/config/schema.ts";
import { deployment, group, seeded } from "../fixtures.ts";

const now = 10_000_000;

/** The textbook weighted rendezvous owner: highest score, first wins on equal scores. */
function bruteForceOwner(key: string, deployments: readonly DeploymentConfig[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const item of deployments) {
    const score = rendezvousScore(fnv1a(key), idHash(item.id), item.weight);
    if (score > bestScore) {
      bestScore = score;
      best = item.id;
    }
  }
  return best;
}

describe("consistent-hash: the fast paths pick the textbook rendezvous owner", () => {
  it("with mixed weights (bounded logarithm) and with equal weights (hash only)", () => {
    const random = seeded(11);
    const mixed = Array.from({ length: 300 }, (_, index) => deployment(`mixed-${index}`, { weight: 1 + Math.floor(random() * 5) }));
    const equal = Array.from({ length: 300 }, (_, index) => deployment(`equal-${index}`, { weight: 2 }));
    for (const deployments of [mixed, equal]) {
      const chat = group("g", deployments.map((item) => item.id), { strategy: "consistent-hash" });
      for (let session = 0; session < 400; session += 1) {
        const request: SelectRequest = { estimatedInputTokens: 10, estimatedOutputTokens: 10, sessionKey: `user-${session}` };
        const selection = select({ group: chat, deployments, request, now, random });
        expect(selection.deployment?.id).toBe(bruteForceOwner(`user-${session}`, deployments));
      }
    }
  });

  it("a heavier deployment owns proportionally more sessions", () => {
    const deployments = [deployment("heavy", { weight: 3 }), deployment("light", { weight: 1 })];
    const chat = group("g", ["heavy", "light"], { strategy: "consistent-hash" });
    let heavy = 0;
    for (let session = 0; session < 4_000; session += 1) {
      const request: SelectRequest = { estimatedInputTokens: 10, estimatedOutputTokens: 10, sessionKey: `s-${session}` };
      if (select({ group: chat, deployments, request, now, random: seeded(1) }).deployment?.id === "heavy") heavy += 1;
    }
    expect(heavy / 4_000).toBeGreaterThan(0.72);
    expect(heavy / 4_000).toBeLessThan(0.78);
  });
});
