export { acceptRequest } from "./accept-request.ts";
export { approvalDecisionSchema, approveRequest } from "./approve-request.ts";
export { callModel } from "./call-model.ts";
export { classifyOutcome } from "./classify-outcome.ts";
export { engineOf, type GatewayContext, type GatewayRuntime } from "./context.ts";
export { route } from "./route.ts";
export { structure } from "./structure.ts";
export { validate } from "./validate.ts";
export { verifyGatewayOutput, verifyGatewayRequest } from "./verify-request.ts";
