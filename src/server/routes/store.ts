import type { Item } from "@langchain/langgraph-checkpoint";
import { Hono } from "hono";
import { SwitchyardSqliteStore } from "../../../checkpoints/index.ts";
import { validate } from "../http-error.ts";
import { storeDeleteSchema, storeNamespacesSchema, storePutSchema, storeSearchSchema } from "../request-schemas.ts";
import { isReservedNamespace, refuseReservedNamespace } from "../reserved-namespaces.ts";
import { parseBody, type RouteDeps } from "../route-deps.ts";
import { z } from "zod";

function itemResponse(item: Item): Record<string, unknown> {
  const { createdAt, updatedAt, ...rest } = item;
  return { ...rest, created_at: createdAt, updated_at: updatedAt };
}

const getQuery = z.object({
  namespace: z.string().default(""),
  key: z.string().min(1, "key must not be empty"),
});

/**
 * The store: put, get, delete, search, namespaces, on the server's BaseStore. The engine's own namespaces
 * (reserved-namespaces.ts) are refused by name and left out of search and namespace listings.
 */
export function storeRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const { store } = deps;

  app.put("/store/items", async (context) => {
    const body = await parseBody(deps, context, storePutSchema, "store");
    refuseReservedNamespace(body.namespace, "namespace");
    // A per-item ttl (minutes) needs a store that keeps one; BaseStore.put has no room for it.
    if (store instanceof SwitchyardSqliteStore && body.ttl !== undefined) await store.put(body.namespace, body.key, body.value, undefined, { ttl: body.ttl });
    else await store.put(body.namespace, body.key, body.value);
    return context.body(null, 204);
  });
  app.get("/store/items", async (context) => {
    const query = validate(getQuery, { namespace: context.req.query("namespace"), key: context.req.query("key") }, "query");
    const namespace = query.namespace === "" ? [] : query.namespace.split(".");
    refuseReservedNamespace(namespace, "namespace");
    const item = await store.get(namespace, query.key);
    // The SDK reads a missing item as a null body, not a 404.
    return context.json(item === null ? null : itemResponse(item));
  });
  app.delete("/store/items", async (context) => {
    const body = await parseBody(deps, context, storeDeleteSchema, "store");
    refuseReservedNamespace(body.namespace, "namespace");
    await store.delete(body.namespace, body.key);
    return context.body(null, 204);
  });
  app.post("/store/items/search", async (context) => {
    const body = await parseBody(deps, context, storeSearchSchema, "store");
    refuseReservedNamespace(body.namespace_prefix, "namespace_prefix");
    const items = await store.search(body.namespace_prefix, {
      limit: body.limit ?? 10,
      offset: body.offset ?? 0,
      ...(body.filter ? { filter: body.filter } : {}),
      ...(body.query ? { query: body.query } : {}),
    });
    // An empty prefix searches everything: the engine's items are left out (so a page may hold fewer than `limit`).
    return context.json({ items: items.filter((item) => !isReservedNamespace(item.namespace)).map(itemResponse) });
  });
  app.post("/store/namespaces", async (context) => {
    const body = await parseBody(deps, context, storeNamespacesSchema, "store");
    const namespaces = await store.listNamespaces({
      limit: body.limit ?? 100,
      offset: body.offset ?? 0,
      ...(body.prefix ? { prefix: body.prefix } : {}),
      ...(body.suffix ? { suffix: body.suffix } : {}),
      ...(body.max_depth ? { maxDepth: body.max_depth } : {}),
    });
    return context.json({ namespaces: namespaces.filter((namespace) => !isReservedNamespace(namespace)) });
  });
  return app;
}
