import { Hono } from "hono";
import { notFound } from "../http-error.ts";
import { assistantSearchSchema } from "../request-schemas.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";
import type { AssistantRecord } from "../served-graph.ts";

function matches(record: AssistantRecord, query: { graph_id?: string | null; name?: string | null; metadata?: Record<string, unknown> | null }): boolean {
  return (
    (query.graph_id == null || record.graph_id === query.graph_id) &&
    (query.name == null || record.name.includes(query.name)) &&
    Object.entries(query.metadata ?? {}).every(([key, value]) => JSON.stringify(record.metadata[key]) === JSON.stringify(value))
  );
}

/** Assistants: one per served graph; search, get, graph (xray), schemas, subgraphs. */
export function assistantRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const find = (id: string): AssistantRecord => {
    const record = deps.assistants.find(id);
    if (record === undefined) throw notFound("assistant", id);
    return record;
  };

  app.post("/assistants/search", async (context) => {
    const query = await parseBody(deps, context, assistantSearchSchema, "assistants");
    const offset = query.offset ?? 0;
    const found = deps.assistants.all().filter((record) => matches(record, query));
    context.header("X-Pagination-Total", String(found.length));
    return context.json(found.slice(offset, offset + (query.limit ?? 10)));
  });
  app.post("/assistants/count", async (context) => {
    const query = await parseBody(deps, context, assistantSearchSchema, "assistants");
    return context.json(deps.assistants.all().filter((record) => matches(record, query)).length);
  });
  app.get("/assistants/:id", (context) => context.json(find(context.req.param("id"))));
  app.get("/assistants/:id/graph", async (context) => {
    const record = find(context.req.param("id"));
    const xrayParam = context.req.query("xray");
    const xray = xrayParam === undefined || xrayParam === "false" ? undefined : /^\d+$/.test(xrayParam) ? Number(xrayParam) : true;
    const drawable = await deps.assistants.served(record).graph.getGraphAsync({ ...(xray === undefined ? {} : { xray }) });
    return context.json(drawable.toJSON() as object);
  });
  app.get("/assistants/:id/schemas", (context) => {
    const record = find(context.req.param("id"));
    const schemas = deps.assistants.served(record).schemas;
    const state = schemas?.getJsonSchema() ?? null;
    return context.json({
      graph_id: record.graph_id,
      input_schema: schemas?.getInputJsonSchema() ?? null,
      output_schema: state,
      state_schema: state,
      config_schema: null,
      context_schema: null,
    });
  });
  const subgraphs = async (id: string, namespace: string | undefined, recurse: boolean) => {
    const record = find(id);
    const result: Record<string, unknown> = {};
    for await (const [name] of deps.assistants.served(record).graph.getSubgraphsAsync(namespace, recurse)) result[name] = {};
    return result;
  };
  app.get("/assistants/:id/subgraphs", async (context) =>
    context.json(await subgraphs(context.req.param("id"), undefined, context.req.query("recurse") === "true")),
  );
  app.get("/assistants/:id/subgraphs/:namespace", async (context) =>
    context.json(await subgraphs(context.req.param("id"), context.req.param("namespace"), context.req.query("recurse") === "true")),
  );
  return app;
}
