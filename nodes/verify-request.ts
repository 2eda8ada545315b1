import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { verifierFromConfig, verifyOutputText, verifyRequestText } from "../src/verification/index.ts";
import type { VerificationStateUpdate, VerificationStateValue } from "../src/verification/verification-state.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/** Verification subgraph node: forbidden-action intents, injection phrases and PII in a request. */
export async function verifyRequest(state: VerificationStateValue, runtime: GatewayRuntime): Promise<VerificationStateUpdate> {
  const verifier = verifierFromConfig((await engineOf(runtime)).config.verification);
  if (!verifier.enabled) return { verdict: { decision: "pass", text: state.text, findings: [] } };
  return { verdict: verifyRequestText(state.text, verifier.text) };
}

/** Verification subgraph node: PII strategy and copyright overlap on an output. */
export async function verifyOutput(state: VerificationStateValue, runtime: GatewayRuntime): Promise<VerificationStateUpdate> {
  const verifier = verifierFromConfig((await engineOf(runtime)).config.verification);
  if (!verifier.enabled) return { verdict: { decision: "pass", text: state.text, findings: [] } };
  return { verdict: verifyOutputText(state.text, verifier.text) };
}

/**
 * Gateway node (after accept): a blocked request ends with `policy_violation`; a redacted one continues
 * with the scrubbed input. Does nothing unless `verification.enabled`.
 */
export async function verifyGatewayRequest(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const request = state.request;
  if (request === undefined || state.status === "failed") return {};
  const verdict = (await verifyRequest({ phase: "request", text: request.input, verdict: undefined }, runtime)).verdict;
  if (verdict === undefined || verdict.decision === "pass") return {};
  if (verdict.decision === "blocked") {
    return { status: "failed", error: { code: "policy_violation", message: `request blocked by policy: ${verdict.findings.map((finding) => `${finding.check} (${finding.detail})`).join("; ")}` } };
  }
  return { request: { ...request, input: verdict.text } };
}

/** Gateway node (after validate): scrubs or blocks the output's raw text by the PII strategy and the copyright check. */
export async function verifyGatewayOutput(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const output = state.output;
  if (output === undefined || state.status !== "succeeded") return {};
  const verdict = (await verifyOutput({ phase: "output", text: output.raw, verdict: undefined }, runtime)).verdict;
  if (verdict === undefined || verdict.decision === "pass") return {};
  if (verdict.decision === "blocked") {
    return { status: "failed", error: { code: "policy_violation", message: `output blocked by policy: ${verdict.findings.map((finding) => finding.check).join(", ")}` } };
  }
  let structured: unknown = output.structured;
  try {
    structured = JSON.parse(verdict.text);
  } catch {
    // The scrubbed raw text is not JSON: keep the structured value only if it had no findings to hide.
    structured = undefined;
  }
  return { output: { ...output, raw: verdict.text, structured } };
}
