/**
 * Every node of switchyard's graphs: `(state, runtime) => partial state`, each thin over the engine's services.
 * A graph of your own can add any of them; they read the engine from `runtime.context.engine`.
 *
 * @example
 * const graph = new StateGraph(GatewayState).addNode("accept", acceptRequest).addNode("call_model", routeAndCall);
 */
export { acceptRequest } from "./accept-request.ts";
export { approvalDecisionSchema, approveRequest } from "./approve-request.ts";
export { callModel } from "./call-model.ts";
export { checkOutput } from "./check-output.ts";
export { classifyOutcome } from "./classify-outcome.ts";
export { compactMemory } from "./compact-memory.ts";
export { bindProcessEngine, engineOf, type GatewayContext, type GatewayRuntime } from "./context.ts";
export { guardianAfterRequest } from "./guardian-after-request.ts";
export { guardianObserve } from "./guardian-observe.ts";
export { guardianSummarise } from "./guardian-summarise.ts";
export { recallMemory } from "./recall-memory.ts";
export { route } from "./route.ts";
export { routeAndCall } from "./route-and-call.ts";
export { structure } from "./structure.ts";
export { supportAgent, type SupportAgentContext, type SupportAgentRuntime } from "./support-agent.ts";
export { validate } from "./validate.ts";
export { verifyGatewayOutput, verifyGatewayRequest, verifyOutput, verifyRequest } from "./verify-request.ts";
export { callRemoteAgent, remoteTaskPending, RemoteTaskFailedError, type CallRemoteAgentOptions, type PendingRemoteTask, type RemoteCallState } from "./call-remote-agent.ts";
