import { CompactSign, base64url, compactVerify } from "jose";
import { A2aRefusalError } from "./a2a-refusal.ts";
import { agentKeyAlgorithm, type SigningKey } from "./agent-keys.ts";
import { canonicalJson } from "./canonical-json.ts";
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
  const jws = await new CompactSign(new TextEncoder().encode(canonicalJson(body))).setProtectedHeader({ alg: agentKeyAlgorithm, kid: key.kid }).sign(key.privateKey);
  const [header, , signature] = jws.split(".");
  return `${header}..${signature}`;
}

/** Verifies a detached body signature by one of the caller's keys; refuses `body_signature` otherwise. */
export async function verifyBody(body: unknown, detached: string, keys: TrustedKeys): Promise<void> {
  const [header, empty, signature] = detached.split(".");
  if (header === undefined || empty !== "" || signature === undefined) throw new A2aRefusalError("body_signature", "the body signature is not a detached compact JWS (header..signature).");
  const payload = base64url.encode(new TextEncoder().encode(canonicalJson(body)));
  try {
    await compactVerify(`${header}.${payload}.${signature}`, async (protectedHeader) => {
      const key = protectedHeader.kid === undefined ? undefined : await keys.key(protectedHeader.kid);
      if (key === undefined) throw new Error(`unknown kid ${String(protectedHeader.kid)}`);
      return key;
    }, { algorithms: [agentKeyAlgorithm] });
  } catch (error) {
    throw new A2aRefusalError("body_signature", `the body does not match its signature (${error instanceof Error ? error.message : String(error)}). Fix: sign the JCS-canonical body you send, unchanged.`);
  }
}
