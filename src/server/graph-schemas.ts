/** The four JSON schemas the API gives for a graph (null when the graph has no StateSchema to read them from). */
export interface GraphSchemas {
  input_schema: unknown;
  output_schema: unknown;
  state_schema: unknown;
  config_schema: unknown;
  context_schema: unknown;
}

interface StateSchemaLike {
  getJsonSchema(): unknown;
  getInputJsonSchema(): unknown;
}

const isStateSchemaLike = (value: unknown): value is StateSchemaLike =>
  typeof value === "object" && value !== null && "getJsonSchema" in value && typeof value.getJsonSchema === "function" && "getInputJsonSchema" in value && typeof value.getInputJsonSchema === "function";

/** What a StateGraph keeps of the schemas it was built from (LangGraph's own field names). */
function definitions(builder: unknown): { state: unknown; input: unknown; output: unknown } {
  if (typeof builder !== "object" || builder === null) return { state: undefined, input: undefined, output: undefined };
  const read = (key: string): unknown => (key in builder ? (builder as Record<string, unknown>)[key] : undefined);
  return { state: read("_schemaRuntimeDefinition"), input: read("_inputRuntimeDefinition"), output: read("_outputRuntimeDefinition") };
}

/**
 * A compiled graph's schemas the way @langchain/langgraph-api reads them at runtime (graph/parser
 * `tryStateSchemaExtraction`): state from the state schema, input from the input schema (else the state's input
 * form), output from the output schema (else the state's). So Studio shows the same forms on both servers.
 *
 * @example
 * graphSchemas(compileAllGraphs().verification).input_schema // { type: "object", properties: { phase, text, verdict } }
 */
export function graphSchemas(builder: unknown): GraphSchemas {
  const { state, input, output } = definitions(builder);
  const stateSchema = isStateSchemaLike(state) ? state.getJsonSchema() : null;
  const inputSchema = isStateSchemaLike(input) ? input.getInputJsonSchema() : isStateSchemaLike(state) ? state.getInputJsonSchema() : null;
  const outputSchema = isStateSchemaLike(output) ? output.getJsonSchema() : stateSchema;
  return { input_schema: inputSchema, output_schema: outputSchema, state_schema: stateSchema, config_schema: null, context_schema: null };
}

/** The builder of a subgraph as `getSubgraphsAsync` yields it (a compiled graph), or undefined. */
export function builderOf(graph: unknown): unknown {
  return typeof graph === "object" && graph !== null && "builder" in graph ? graph.builder : undefined;
}
