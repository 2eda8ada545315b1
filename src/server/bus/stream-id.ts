/** A Redis stream entry id (`<ms>-<seq>`), the form this bus hands out as `Last-Event-ID`. */
export const streamIdPattern = /^\d{1,20}-\d{1,20}$/;

/** Orders two stream ids as Redis does: by milliseconds, then sequence. */
export function compareStreamIds(left: string, right: string): number {
  const [leftMs = "0", leftSeq = "0"] = left.split("-");
  const [rightMs = "0", rightSeq = "0"] = right.split("-");
  const ms = BigInt(leftMs) - BigInt(rightMs);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const seq = BigInt(leftSeq) - BigInt(rightSeq);
  return seq === 0n ? 0 : seq < 0n ? -1 : 1;
}
