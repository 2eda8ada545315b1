export * from "./gateway-state.ts";
export { assertStateVersion, StateVersionError } from "./state-version.ts";
export { attemptSpend } from "./attempt-spend.ts";
