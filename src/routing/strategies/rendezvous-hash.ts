/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's finaliser: spreads every input bit over the output. */
function mix(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const idHashes = new Map<string, number>();

/** Cached hash of a deployment id, so a request hashes its session key once and each deployment with one mix. */
export function idHash(id: string): number {
  let hash = idHashes.get(id);
  if (hash === undefined) {
    hash = mix(fnv1a(id));
    if (idHashes.size > 100_000) idHashes.clear();
    idHashes.set(id, hash);
  }
  return hash;
}

/**
 * Weighted rendezvous (highest random weight) score of a key on a node: `-weight / ln(u)` with u uniform in
 * (0, 1) from the pair's hash. The node with the highest score owns the key; removing a node only moves the
 * keys it owned, and a node with twice the weight owns twice the keys.
 */
export function rendezvousScore(keyHash: number, nodeHash: number, weight: number): number {
  const uniform = (rendezvousHash(keyHash, nodeHash) + 0.5) / 4_294_967_296;
  return -weight / Math.log(uniform);
}

/** The 32-bit hash of a (key, node) pair that `rendezvousScore` turns into a uniform draw. */
export function rendezvousHash(keyHash: number, nodeHash: number): number {
  return mix(Math.imul(keyHash ^ nodeHash, 0x9e3779b1) ^ (nodeHash >>> 7));
}
