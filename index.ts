/**
 * switchyard's public API (the package root, `import ... from "switchyard"`): the gateway, its typed state, every
 * node and subgraph builder, and the engine they run on. Persistence is `switchyard/checkpoints`; the bundled
 * provider emulators (a test and demo harness, never loaded unless imported) are `switchyard/emulators`.
 *
 * - `createGateway`: the whole gateway, ready to invoke, stream and resume (app code).
 * - `buildRouterGraph`, `buildMemoryGraph`, `buildVerificationGraph`, `buildGuardianGraph`, `buildSupportAgentGraph`,
 *   `buildGatewayGraph`: uncompiled StateGraphs to compose into a graph of your own.
 * - The nodes (`acceptRequest`, `route`, `callModel`, ...) and `GatewayState`, for wiring them yourself.
 * - `startEngine`: the services every node reads from `runtime.context.engine`.
 *
 * @example
 * import { createGateway } from "switchyard";
 * import { emulatorLauncher } from "switchyard/emulators"; // the bundled test/demo backends
 * const gateway = await createGateway({ checkpoints: ":memory:", emulators: emulatorLauncher() });
 * const state = await gateway.invoke({ input: "Order ORD-1 arrived broken. — Ana" }, { threadId: "t1" });
 * await gateway.close();
 */
export * from "./src/index.ts";
export * from "./nodes/index.ts";
export {
  createGateway,
  InvalidRequestError,
  type CreateGatewayOptions,
  type Gateway,
  buildGatewayGraph,
  compileGateway,
  type CompiledGateway,
  buildRouterGraph,
  buildMemoryGraph,
  compileMemory,
  type CompileMemoryOptions,
  type CompiledMemory,
  buildVerificationGraph,
  buildGuardianGraph,
  buildSupportAgentGraph,
  compileSupportAgent,
  type CompileSupportAgentOptions,
  ThreadBusyError,
  EngineMissingError,
  EmulatorsRequiredError,
  type EmulatedBackends,
  type EmulatorLauncher,
  type Routing,
} from "./graphs/index.ts";
