import { sign, verify, type KeyObject } from "node:crypto";
import { isRecord } from "../output-modes/json-schema.ts";

/**
 * ES256 compact JWS with node:crypto's synchronous sign/verify, for the per-request path (tokens, body
 * signatures). jose goes through WebCrypto, whose every operation is a hop to the thread pool: on a loaded
 * machine the four per call (sign and verify a token and a body) added milliseconds of waiting, not work.
 * Cards, signed rarely, still use jose.
 */
const encode = (value: string | Uint8Array) => Buffer.from(value).toString("base64url");

/** `header.payload.signature`, the signature in JOSE's raw r||s form. */
export function signCompact(header: Record<string, unknown>, payload: string | Uint8Array, key: KeyObject): string {
  const signingInput = `${encode(JSON.stringify(header))}.${encode(payload)}`;
  const signature = sign("sha256", Buffer.from(signingInput), { key, dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** The parts of a compact JWS, undecoded but split; undefined when it is not three base64url segments. */
export function splitCompact(token: string): { header: Record<string, unknown>; payload: Buffer; signingInput: string; signature: Buffer } | undefined {
  const segments = token.split(".");
  if (segments.length !== 3 || segments.some((segment) => !/^[A-Za-z0-9_-]*$/.test(segment))) return undefined;
  const [headerText, payloadText, signatureText] = segments as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(headerText, "base64url").toString("utf8"));
    if (!isRecord(header)) return undefined;
    return { header, payload: Buffer.from(payloadText, "base64url"), signingInput: `${headerText}.${payloadText}`, signature: Buffer.from(signatureText, "base64url") };
  } catch {
    return undefined;
  }
}

/** Whether `signature` is an ES256 signature of `signingInput` by `key`. */
export function verifiesWith(signingInput: string, signature: Buffer, key: KeyObject): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify("sha256", Buffer.from(signingInput), { key, dsaEncoding: "ieee-p1363" }, signature);
  } catch {
    return false;
  }
}
