import { describe, expect, it } from "vitest";
import { RemoteAuthRefusedError, remoteAuthRefusal } from "../../../src/a2a/remote-auth.ts";

describe("remoteAuthRefusal", () => {
  it("reads the refusal reason a remote A2A error carries and keeps only credential refusals", () => {
    const sdkError = Object.assign(new Error("A2A refused (token_issuer_unknown): issuer is not a trusted peer"), { data: [{ reason: "token_issuer_unknown" }] });
    const refused = remoteAuthRefusal("http://billing/a2a/billing", sdkError);
    expect(refused).toBeInstanceOf(RemoteAuthRefusedError);
    expect(refused?.reason).toBe("token_issuer_unknown");
    expect(refused?.message).toMatch(/trusted peer there/);
    // The reason only in the message (another binding's error shape).
    expect(remoteAuthRefusal("x", new Error("A2A refused (token_expired): expired"))?.reason).toBe("token_expired");
    // Not credentials: a payload refusal, a replay (a bug of ours, not a trust to fix), a plain failure.
    expect(remoteAuthRefusal("x", Object.assign(new Error("too large"), { data: [{ reason: "payload_too_large" }] }))).toBeUndefined();
    expect(remoteAuthRefusal("x", new Error("A2A refused (token_replayed): used"))).toBeUndefined();
    expect(remoteAuthRefusal("x", new TypeError("fetch failed"))).toBeUndefined();
    expect(remoteAuthRefusal("x", "nope")).toBeUndefined();
  });
});
