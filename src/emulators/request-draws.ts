import { createHash } from "node:crypto";

/**
 * Deterministic uniform draws for one request, seeded from a hash of what identifies it. Each request
 * gets its own stream, so concurrent requests cannot steal each other's draws and a run repeats whatever
 * the arrival order of unrelated requests.
 *
 * @example
 * const next = requestDraws([seed, model, mode, prompt, occurrence]);
 * if (next() < 0.02) rateLimit();
 */
export function requestDraws(parts: ReadonlyArray<string | number>): () => number {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let counter = digest.readUInt32LE(12);
  // sfc32: small, fast and well mixed; the four words come straight from the digest.
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    counter >>>= 0;
    const sum = (a + b + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + sum) >>> 0;
    return sum / 4294967296;
  };
}

/** A short stable hash of a text, for counters keyed by prompt. */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 22);
}
