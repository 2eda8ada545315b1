export * from "./gateway-state.ts";
export { assertStateVersion, StateVersionError } from "./state-version.ts";
