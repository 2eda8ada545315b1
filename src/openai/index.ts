export { openaiEndpoint, openaiRoutes, type OpenAIEndpoint, type OpenAIRoutesOptions } from "./openai-routes.ts";
export { ChatService, type ChatServiceOptions, type PreparedChat } from "./chat-service.ts";
export { OpenAIRequestError, asOpenAIError, type OpenAIErrorBody } from "./openai-error.ts";
export { VirtualKeys, UnknownKeyError, budgetPeriods, keyColumns, keyFromRow, keyHash, newKeySecret, periodStart, type BudgetPeriod, type CreateKeyOptions, type VirtualKey } from "./virtual-keys.ts";
export { keyRefusal, type KeyRefusal, type KeyReservation, type VirtualKeyStore } from "./virtual-key-store.ts";
export { KeyGate, type Admission, type Caller } from "./key-gate.ts";
export { usageCostUsd } from "./usage-cost.ts";
