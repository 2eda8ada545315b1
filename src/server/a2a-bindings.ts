import type { Context } from "hono";
import type { A2aRefusalError } from "../a2a/index.ts";
import type { A2aAgent, A2aAgents } from "./a2a-agents.ts";
import { admit, refusalAnswer, refusalHeaders, type Admission } from "./a2a-admission.ts";
import { agentUrl } from "./a2a-card.ts";
import type { A2aGate } from "./a2a-gate.ts";

/** What both bindings share: the agents, the gate, the body limit and this server's URL. */
export interface BindingDeps {
  agents: A2aAgents;
  gate: A2aGate;
  maxBodyBytes: number;
  baseUrl: () => string;
}

/** Which agent a request is for and over which binding (security events name both). */
export interface BindingTarget {
  graph: string;
  binding: "jsonrpc" | "rest";
}

/** The admitted request of one binding: the agent called and the admission's outcome. */
export interface BindingRequest {
  graph: string;
  agent: A2aAgent | undefined;
  admission: Admission | undefined;
}

/**
 * Finds the agent and runs the zero-trust admission for it. An unknown graph is answered before any
 * check (the route table is public); a refusal is recorded (event and metric) here, once for both bindings.
 *
 * @example
 * const { agent, admission } = await admitToAgent(context, deps, { graph, binding: "jsonrpc" }, true);
 */
export async function admitToAgent(context: Context, deps: BindingDeps, target: BindingTarget, readBody: boolean): Promise<BindingRequest> {
  const graph = target.graph;
  const assistant = deps.agents.find(graph);
  if (assistant === undefined) return { graph, agent: undefined, admission: undefined };
  const admission = await admit(context, { gate: deps.gate, audience: agentUrl(deps.baseUrl(), graph), maxBodyBytes: deps.maxBodyBytes, readBody });
  if (admission.refused !== undefined) deps.gate.refused(admission.refused, { ...target, ...(admission.caller ? { issuer: admission.caller.issuer } : {}) });
  return { graph, agent: deps.agents.agent(assistant), admission };
}

/** A refusal after the gate passed (the payload's shape, an unauthenticated extended-card read): recorded the same way. */
export function refuseLate(deps: BindingDeps, target: BindingTarget, admission: Admission, error: A2aRefusalError): A2aRefusalError {
  return deps.gate.refused(error, { ...target, ...(admission.caller ? { issuer: admission.caller.issuer } : {}) });
}

/**
 * The JSON-RPC answer for a refusal: its code, the reason in `data`. Credentials are refused at the HTTP layer
 * (401, with WWW-Authenticate) and oversize bodies with 413; a body that is not JSON or not a valid request is
 * a JSON-RPC error in a 200 answer, as JSON-RPC over HTTP (and the SDK's own handler) answers it.
 */
export function jsonRpcRefusal(context: Context, error: A2aRefusalError, id: string | number | null = null): Response {
  const answer = refusalAnswer(error.reason);
  const status = error.reason === "payload_malformed" || error.reason === "payload_invalid" ? 200 : answer.status;
  return context.json({ jsonrpc: "2.0", id, error: { code: error.rpcCode ?? answer.code, message: error.message, data: [{ reason: error.reason }] } }, status, refusalHeaders(error));
}

/**
 * The REST answer for a refusal, in the binding's error shape (`google.rpc.Status` with an ErrorInfo): a bad
 * payload is the spec's INVALID_PARAMS (the SDK client raises RequestMalformedError for it); a credential
 * refusal is UNAUTHENTICATED with the switchyard reason.
 */
export function restRefusal(context: Context, error: A2aRefusalError): Response {
  const { status } = refusalAnswer(error.reason);
  const payload = error.reason.startsWith("payload_");
  const info = payload
    ? { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "INVALID_PARAMS", domain: "a2a-protocol.org", metadata: { refusal: error.reason } }
    : { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: error.reason.toUpperCase(), domain: "switchyard.a2a", metadata: { refusal: error.reason } };
  const statusName = status === 401 ? "UNAUTHENTICATED" : status === 413 ? "RESOURCE_EXHAUSTED" : "INVALID_ARGUMENT";
  return context.json({ error: { code: status, status: statusName, message: error.message, details: [info] } }, status, refusalHeaders(error));
}
