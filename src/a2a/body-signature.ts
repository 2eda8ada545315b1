import { createHash, timingSafeEqual } from "node:crypto";
import { A2aRefusalError } from "./a2a-refusal.ts";
import { agentKeyAlgorithm, type SigningKey } from "./agent-keys.ts";
import { canonicalJson } from "./canonical-json.ts";
import { signCompact, splitCompact, verifiesWith } from "./compact-jws.ts";
import type { TrustedKeys } from "./trusted-keys.ts";

/** The card extension that says "sign your request bodies": peers that see it send the header below. */
export const signedBodyExtension = "urn:switchyard:a2a:signed-body:v1";
/** Where the detached JWS over the canonical body travels. */
export const bodySignatureHeader = "x-a2a-body-signature";

/**
 * A detached JWS (RFC 7515 appendix F: `header..signature`) over the JCS-canonical request body, so a body
 * re-serialised by a proxy still verifies and any changed field does not.
 *
 * @example
 * headers[bodySignatureHeader] = await signBody(body, await keys.signingKey());
 */
export async function signBody(body: unknown, key: SigningKey): Promise<string> {
  const [header, , signature] = signCompact({ alg: agentKeyAlgorithm, kid: key.kid }, canonicalJson(body), key.keyObject).split(".");
  return `${header}..${signature}`;
}

/** Verifies a detached body signature by one of the caller's keys; refuses `body_signature` otherwise. */
export async function verifyBody(body: unknown, detached: string, keys: TrustedKeys): Promise<void> {
  const [header, empty, signature] = detached.split(".");
  const parts = header === undefined || empty !== "" || signature === undefined ? undefined : splitCompact(`${header}.${Buffer.from(canonicalJson(body)).toString("base64url")}.${signature}`);
  if (parts === undefined) throw new A2aRefusalError("body_signature", "the body signature is not a detached compact JWS (header..signature).");
  const kid = parts.header.kid;
  const key = parts.header.alg === agentKeyAlgorithm && typeof kid === "string" ? await keys.keyObject(kid) : undefined;
  if (key === undefined) throw new A2aRefusalError("body_signature", `the body signature's header (alg ${String(parts.header.alg)}, kid ${String(kid)}) names no key of the caller.`);
  if (!verifiesWith(parts.signingInput, parts.signature, key)) throw new A2aRefusalError("body_signature", "the body does not match its signature. Fix: sign the JCS-canonical body you send, unchanged.");
}

/**
 * The body digest an agent token may carry (`bdh`): base64url SHA-256 of the JCS-canonical body. A token
 * signed with it signs the body too, so one signature covers both (half the crypto of a token plus a
 * detached body signature), and the single-use token cannot be moved to another body.
 *
 * @example
 * const { token } = await issueAgentToken({ key, issuer, audience, now: Date.now, bodyDigest: bodyDigest(body) });
 */
export function bodyDigest(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("base64url");
}

/** Refuses `body_signature` unless `body` is the one whose digest the caller's token carries. */
export function checkBodyDigest(body: unknown, digest: string): void {
  const expected = Buffer.from(bodyDigest(body));
  const given = Buffer.from(digest);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new A2aRefusalError("body_signature", "the body does not match the digest (bdh) its token signs. Fix: compute bdh over the JCS-canonical body you send, unchanged.");
}
