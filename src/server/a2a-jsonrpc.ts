import { A2A_VERSION_HEADER, Message, SendMessageRequest, Task } from "@a2a-js/sdk";
import { JsonRpcTransportHandler, ServerCallContext, validateVersion } from "@a2a-js/sdk/server";
import { LegacyJsonRpcTransportHandler } from "@a2a-js/sdk/compat/v0_3/server";
import { RequestMalformedError } from "@a2a-js/sdk/errors";
import type { Context } from "hono";
import { A2aRefusalError, parseA2aRequest, type A2aRequest } from "../a2a/index.ts";
import type { A2aAgent } from "./a2a-agents.ts";
import { admitToAgent, jsonRpcRefusal, refuseLate, type BindingDeps } from "./a2a-bindings.ts";
import { AgentUser } from "./a2a-user.ts";
import { sseAnswer } from "./a2a-sse.ts";

/**
 * `POST /a2a/{graph}`: the JSON-RPC binding through the SDK's transport handler, behind the gate. A request
 * with `A2A-Version: 1.0` gets the v1.0 methods; without the header (the spec's default, 0.3) or with 0.3,
 * the SDK's v0.3 compatibility handler on the same URL.
 *
 * @example
 * routes.post("/a2a/:graph", (context) => jsonRpcRoute(context, deps));
 */
/** The id of a request that failed validation, when it is one JSON-RPC allows (so the caller can match the error). */
function echoableId(body: unknown): string | number | null {
  const id = typeof body === "object" && body !== null && "id" in body ? body.id : null;
  return (typeof id === "string" && id.length <= 200) || (typeof id === "number" && Number.isFinite(id)) ? id : null;
}

/**
 * v1.0 SendMessage as the SDK's JSON-RPC transport answers it (the tenant from the params, the task or message
 * in `result`, an error mapped to its code), through the agent's send, which skips the SDK's per-event round
 * trips for a blocking send that starts a task.
 */
async function sendMessage(agent: A2aAgent, request: A2aRequest, callContext: ServerCallContext, mapError: (error: unknown) => unknown): Promise<Record<string, unknown>> {
  const id = request.id ?? null;
  try {
    // The SDK's transport refuses params with an empty key; zod's record accepts one.
    if (request.params === undefined || Object.keys(request.params).includes("")) throw new RequestMalformedError("Invalid method parameters.");
    const params = SendMessageRequest.fromJSON(request.params);
    if (params.tenant) callContext.setTenant(params.tenant);
    const result = await agent.sendMessage(params, callContext);
    return { jsonrpc: "2.0", id, result: "messageId" in result ? { message: Message.toJSON(result) } : { task: Task.toJSON(result) } };
  } catch (error) {
    return { jsonrpc: "2.0", id, error: mapError(error) };
  }
}

export async function jsonRpcRoute(context: Context, deps: BindingDeps): Promise<Response> {
  const graph = context.req.param("graph") ?? "";
  const target = { graph, binding: "jsonrpc" } as const;
  const { agent, admission } = await admitToAgent(context, deps, target, true);
  if (agent === undefined || admission === undefined) return context.json({ jsonrpc: "2.0", id: null, error: { code: -32601, message: `no A2A agent "${graph}". Fix: GET /a2a/agents lists them.` } }, 404);
  if (admission.refused !== undefined) return jsonRpcRefusal(context, admission.refused);
  let request: A2aRequest;
  try {
    request = parseA2aRequest(admission.body);
  } catch (error) {
    if (!(error instanceof A2aRefusalError)) throw error;
    return jsonRpcRefusal(context, refuseLate(deps, target, admission, error), echoableId(admission.body));
  }
  const id = request.id ?? null;
  // The extended card is for authenticated peers only; an anonymous caller (allowAnonymous) is told to authenticate.
  if (request.method === "GetExtendedAgentCard" && admission.caller === undefined) {
    const refusal = new A2aRefusalError("token_missing", "the extended card is for authenticated peers. Fix: send Authorization: Bearer <agent JWT>.");
    return jsonRpcRefusal(context, refuseLate(deps, target, admission, refusal), id);
  }
  deps.gate.accepted(admission.caller, graph);
  const requestedVersion = context.req.header(A2A_VERSION_HEADER);
  const callContext = new ServerCallContext({ ...(admission.caller ? { user: new AgentUser(admission.caller.issuer) } : {}), ...(requestedVersion ? { requestedVersion } : {}) });
  const legacy = (requestedVersion ?? "0.3") === "0.3";
  const mapError = legacy ? LegacyJsonRpcTransportHandler.mapToLegacyJSONRPCError : JsonRpcTransportHandler.mapToJSONRPCError;
  try {
    validateVersion(callContext.requestedVersion, await agent.handler.getAgentCard(), "JSONRPC");
  } catch (error) {
    return context.json({ jsonrpc: "2.0", id, error: mapError(error) });
  }
  if (!legacy && request.method === "SendMessage") return context.json(await sendMessage(agent, request, callContext, mapError));
  const answer = await (legacy ? agent.legacy : agent.jsonRpc).handle(request, callContext);
  if (!(Symbol.asyncIterator in answer)) return context.json(answer);
  return sseAnswer(
    answer,
    (event) => event,
    legacy && request.method === "tasks/resubscribe" ? "stream" : (error) => context.json({ jsonrpc: "2.0", id, error: mapError(error) }),
    (error) => ({ jsonrpc: "2.0", id, error: mapError(error) }),
  );
}
