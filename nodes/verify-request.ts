import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { getConfig } from "@langchain/langgraph";
import { promptFor } from "../src/runtime/prompt.ts";
import { recordTiming } from "../src/telemetry/timings.ts";
import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import { VerificationUnavailableError, verifierFromConfig, verifyTextOffThread, type TextVerdict } from "../src/verification/index.ts";
import type { VerificationStateUpdate, VerificationStateValue } from "../src/verification/verification-state.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/**
 * The checks of one phase on a text; a long text is checked on a worker thread so the event loop keeps
 * answering meanwhile. Throws `VerificationUnavailableError` when that worker fails: never an unchecked pass.
 */
async function verifyPhase(phase: "request" | "output", text: string, runtime: GatewayRuntime): Promise<VerificationStateUpdate> {
  const config = engineOf(runtime).config.verification;
  if (config === undefined || !verifierFromConfig(config).enabled) return { verdict: { decision: "pass", text, findings: [] } };
  return { verdict: await verifyTextOffThread({ phase, text, config }) };
}

/** Verification subgraph node: forbidden-action intents, injection phrases and PII in a request. */
export async function verifyRequest(state: VerificationStateValue, runtime: GatewayRuntime): Promise<VerificationStateUpdate> {
  return verifyPhase("request", state.text, runtime);
}

/** Verification subgraph node: PII strategy and copyright overlap on an output. */
export async function verifyOutput(state: VerificationStateValue, runtime: GatewayRuntime): Promise<VerificationStateUpdate> {
  return verifyPhase("output", state.text, runtime);
}

/** The verdict, or undefined with the refusal a gateway run ends with when the text could not be verified. */
async function verdictOrRefusal(check: Promise<VerificationStateUpdate>): Promise<{ verdict?: TextVerdict; refusal?: GatewayStateUpdate }> {
  try {
    return { verdict: (await check).verdict };
  } catch (error) {
    if (!(error instanceof VerificationUnavailableError)) throw error;
    return { refusal: { status: "failed", error: { code: error.code, message: error.message } } };
  }
}

/** Blocks are security events: the guardian logs them and watches for bursts from one thread or user. */
async function reportBlock(state: GatewayStateValue, runtime: GatewayRuntime, reason: string, kind: "verification_block" | "verification_unavailable" = "verification_block"): Promise<void> {
  // Outside a graph run (a node called directly) there is no config, and so no thread to name.
  const threadId = (getConfig() as ReturnType<typeof getConfig> | undefined)?.configurable?.thread_id;
  engineOf(runtime).guardian.reportSecurity({
    kind,
    reason,
    ...(typeof threadId === "string" ? { threadId } : {}),
    ...(state.request?.user_id ? { userId: state.request.user_id } : {}),
  });
}

/** A text that could not be verified is refused, and told to the guardian like a block: a burst from one caller shows. */
async function reportRefusal(state: GatewayStateValue, runtime: GatewayRuntime, refusal: GatewayStateUpdate): Promise<GatewayStateUpdate> {
  await reportBlock(state, runtime, refusal.error?.message ?? "verification unavailable", "verification_unavailable");
  return refusal;
}

/** The last message of a type, so a rewrite can replace it in place (same id) rather than append. */
function lastOfType(messages: readonly BaseMessage[], type: "human" | "ai"): BaseMessage | undefined {
  for (let index = messages.length - 1; index >= 0; index--) if (messages[index]?.getType() === type) return messages[index];
  return undefined;
}

/**
 * Gateway node (after accept): a blocked request ends with `policy_violation`; a redacted one continues
 * with the scrubbed input, rewritten in the conversation too so no model ever sees the original. Does
 * nothing unless `verification.enabled`.
 */
export async function verifyGatewayRequest(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const request = state.request;
  if (request === undefined || state.status === "failed") return {};
  const started = performance.now();
  const { verdict, refusal } = await verdictOrRefusal(verifyRequest({ phase: "request", text: request.input, verdict: undefined }, runtime));
  recordTiming("verification", (performance.now() - started) / 1000, { phase: "request" });
  if (refusal !== undefined) return reportRefusal(state, runtime, refusal);
  if (verdict === undefined || verdict.decision === "pass") return {};
  if (verdict.decision === "blocked") {
    const reason = `request blocked by policy: ${verdict.findings.map((finding) => `${finding.check} (${finding.detail})`).join("; ")}`;
    await reportBlock(state, runtime, reason);
    return { status: "failed", error: { code: "policy_violation", message: reason } };
  }
  const redacted = { ...request, input: verdict.text };
  const original = lastOfType(state.messages, "human");
  return {
    request: redacted,
    ...(original?.id ? { messages: [new HumanMessage({ id: original.id, content: promptFor(redacted) })] } : {}),
  };
}

/**
 * Gateway node (after the router): checks the structured answer's text for PII and protected content.
 * Redaction works on the object's JSON, so every mode's answer (not only JSON-emitting ones) is scrubbed
 * and stays schema-shaped; the answer message in the conversation is rewritten in place.
 */
export async function verifyGatewayOutput(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const output = state.output;
  if (output === undefined || state.status !== "succeeded") return {};
  const text = JSON.stringify(output.structured);
  const started = performance.now();
  const { verdict, refusal } = await verdictOrRefusal(verifyOutput({ phase: "output", text, verdict: undefined }, runtime));
  recordTiming("verification", (performance.now() - started) / 1000, { phase: "output" });
  if (refusal !== undefined) return reportRefusal(state, runtime, refusal);
  if (verdict === undefined || verdict.decision === "pass") return {};
  if (verdict.decision === "blocked") {
    const reason = `output blocked by policy: ${verdict.findings.map((finding) => finding.check).join(", ")}`;
    await reportBlock(state, runtime, reason);
    return { status: "failed", error: { code: "policy_violation", message: reason } };
  }
  let structured: unknown;
  try {
    structured = JSON.parse(verdict.text);
  } catch {
    return { status: "failed", error: { code: "policy_violation", message: "output needed redaction, and the redacted text is no longer JSON; withheld" } };
  }
  const answer = lastOfType(state.messages, "ai");
  return {
    output: { ...output, raw: verdict.text, structured },
    ...(answer?.id ? { messages: [new AIMessage({ id: answer.id, content: verdict.text, name: answer.name })] } : {}),
  };
}
