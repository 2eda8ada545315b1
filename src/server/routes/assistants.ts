import { Hono } from "hono";
import { builderOf, graphSchemas } from "../graph-schemas.ts";
import { ServerRequestError } from "../http-error.ts";
import { assistantCreateSchema, assistantLatestSchema, assistantPatchSchema, assistantSearchSchema, assistantVersionsSchema } from "../request-schemas.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";
import { selectFields, sortBy } from "../sort-select.ts";

/** `?xray=` as the official server reads it: absent/false none, a number that depth, anything else true. */
function xrayOf(param: string | undefined): boolean | number | undefined {
  if (param === undefined || param === "false") return undefined;
  return /^\d+$/.test(param) ? Number(param) : true;
}

/**
 * Assistants: one system assistant per served graph plus those clients create; create, get, patch (a new
 * version), delete, search, count, versions, latest; graph (xray), schemas, subgraphs with their schemas.
 */
export function assistantRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const { assistants } = deps;

  app.post("/assistants", async (context) => context.json(await assistants.create(await parseBody(deps, context, assistantCreateSchema, "assistants"))));
  app.post("/assistants/search", async (context) => {
    const query = await parseBody(deps, context, assistantSearchSchema, "assistants");
    const offset = query.offset ?? 0;
    const found = sortBy(await assistants.search(query), query.sort_by ?? "created_at", query.sort_order ?? "desc");
    context.header("X-Pagination-Total", String(found.length));
    return context.json(found.slice(offset, offset + (query.limit ?? 10)).map((record) => selectFields(record, query.select)));
  });
  app.post("/assistants/count", async (context) => context.json((await assistants.search(await parseBody(deps, context, assistantSearchSchema, "assistants"))).length));
  app.get("/assistants/:id", async (context) => context.json(await assistants.get(context.req.param("id"))));
  app.patch("/assistants/:id", async (context) => {
    const id = context.req.param("id");
    await assistants.get(id);
    return context.json(await assistants.update(id, await parseBody(deps, context, assistantPatchSchema, "assistants")));
  });
  app.delete("/assistants/:id", async (context) => context.json([await assistants.delete(context.req.param("id"))]));
  app.post("/assistants/:id/versions", async (context) => {
    const id = context.req.param("id");
    await assistants.get(id);
    const query = await parseBody(deps, context, assistantVersionsSchema, "assistants");
    const offset = query.offset ?? 0;
    return context.json((await assistants.versions(id, query.metadata)).slice(offset, offset + (query.limit ?? 10)));
  });
  app.post("/assistants/:id/latest", async (context) => {
    const id = context.req.param("id");
    await assistants.get(id);
    return context.json(await assistants.setLatest(id, (await parseBody(deps, context, assistantLatestSchema, "assistants")).version));
  });
  app.get("/assistants/:id/graph", async (context) => {
    const record = await assistants.get(context.req.param("id"));
    const xray = xrayOf(context.req.query("xray"));
    const drawable = await assistants.served(record).graph.getGraphAsync({ ...(xray === undefined ? {} : { xray }) });
    return context.json(drawable.toJSON() as object);
  });
  app.get("/assistants/:id/schemas", async (context) => {
    const record = await assistants.get(context.req.param("id"));
    return context.json({ graph_id: record.graph_id, ...graphSchemas(assistants.served(record).graph.builder) });
  });
  const subgraphs = async (id: string, namespace: string | undefined, recurse: boolean) => {
    const record = await assistants.get(id);
    const result: Record<string, unknown> = {};
    for await (const [name, subgraph] of assistants.served(record).graph.getSubgraphsAsync(namespace, recurse)) {
      const { input_schema, output_schema, state_schema, config_schema } = graphSchemas(builderOf(subgraph));
      // The official server answers the parser's field names here (state/input/output/config), not the /schemas ones.
      result[name] = { graph_id: record.graph_id, input: input_schema, output: output_schema, state: state_schema, config: config_schema };
    }
    return result;
  };
  const recurseOf = (param: string | undefined): boolean => {
    if (param === undefined || param === "false") return false;
    if (param === "true") return true;
    throw new ServerRequestError(422, `query field "recurse" must be true or false, got ${JSON.stringify(param.slice(0, 40))}`, "recurse");
  };
  app.get("/assistants/:id/subgraphs", async (context) => context.json(await subgraphs(context.req.param("id"), undefined, recurseOf(context.req.query("recurse")))));
  app.get("/assistants/:id/subgraphs/:namespace", async (context) =>
    context.json(await subgraphs(context.req.param("id"), context.req.param("namespace"), recurseOf(context.req.query("recurse")))),
  );
  return app;
}
