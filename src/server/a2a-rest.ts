import { A2A_VERSION_HEADER, AgentCard, ListTaskPushNotificationConfigsResponse, ListTasksResponse, Message, SendMessageRequest, StreamResponse, Task, TaskPushNotificationConfig, TaskState, taskStateFromJSON } from "@a2a-js/sdk";
import { ContentTypeNotSupportedError, RequestMalformedError, restStatusFor, toRestErrorBody } from "@a2a-js/sdk/errors";
import { ServerCallContext, validateVersion } from "@a2a-js/sdk/server";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { A2aRefusalError, parseA2aParams } from "../a2a/index.ts";
import { isRecord } from "../output-modes/json-schema.ts";
import type { A2aAgent } from "./a2a-agents.ts";
import { admitToAgent, refuseLate, restRefusal, type BindingDeps } from "./a2a-bindings.ts";
import { restCall, type RestMethod } from "./a2a-rest-path.ts";
import { sseAnswer } from "./a2a-sse.ts";
import { AgentUser } from "./a2a-user.ts";

const a2aJson = "application/a2a+json";

/** The binding's error body and status for an SDK error (its own mapping: TaskNotFound 404, the rest 400 or 500). */
function errorAnswer(error: unknown): Response {
  const status = restStatusFor(error);
  return new Response(JSON.stringify(toRestErrorBody(error, status)), { status, headers: { "content-type": a2aJson } });
}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new RequestMalformedError(`${name} ${JSON.stringify(value.slice(0, 40))} is not an integer from ${min} to ${max}. Fix: pass one in range.`);
  return parsed;
}

/** Runs one REST method on the SDK's request handler (the same one the JSON-RPC binding uses). */
async function answer(context: Context, agent: A2aAgent, method: RestMethod, body: Record<string, unknown>, call: ServerCallContext, tenant: string): Promise<Response> {
  const handler = agent.handler;
  const json = (value: unknown, status: ContentfulStatusCode = 200) => context.json(value, status, { "content-type": a2aJson });
  const query = (name: string) => context.req.query(name);
  const stream = (events: AsyncIterable<StreamResponse>) =>
    sseAnswer(events, (event) => StreamResponse.toJSON(event), (error) => errorAnswer(error), (error) => toRestErrorBody(error, restStatusFor(error)));
  switch (method.name) {
    case "GetExtendedAgentCard":
      return json(AgentCard.toJSON(await handler.getAuthenticatedExtendedAgentCard({ tenant }, call)));
    case "SendMessage": {
      const result = await agent.sendMessage(SendMessageRequest.fromJSON({ ...body, tenant }), call);
      return json("messageId" in result ? { message: Message.toJSON(result) } : { task: Task.toJSON(result) });
    }
    case "SendStreamingMessage":
      return stream(handler.sendMessageStream(SendMessageRequest.fromJSON({ ...body, tenant }), call));
    case "SubscribeToTask":
      return stream(handler.resubscribe({ id: method.taskId, tenant }, call));
    case "GetTask":
      return json(Task.toJSON(await handler.getTask({ id: method.taskId, tenant, historyLength: integer("historyLength", query("historyLength"), 0, 10_000) }, call)));
    case "CancelTask":
      return json(Task.toJSON(await handler.cancelTask({ id: method.taskId, tenant, metadata: undefined }, call)));
    case "ListTasks": {
      const status = query("status");
      const includeArtifacts = query("includeArtifacts") === "true";
      const result = await handler.listTasks(
        {
          tenant,
          contextId: query("contextId") ?? "",
          status: status === undefined || status === "" ? TaskState.TASK_STATE_UNSPECIFIED : taskStateFromJSON(status),
          pageSize: integer("pageSize", query("pageSize"), 1, 100),
          pageToken: query("pageToken") ?? "",
          historyLength: integer("historyLength", query("historyLength"), 0, 10_000),
          statusTimestampAfter: query("statusTimestampAfter") || undefined,
          includeArtifacts,
        },
        call,
      );
      // As the SDK's serializer does: empty lists and zero counts are written out, not omitted.
      const serialized: unknown = ListTasksResponse.toJSON(result);
      const tasks = isRecord(serialized) && Array.isArray(serialized.tasks) ? serialized.tasks : [];
      return json({ ...(isRecord(serialized) ? serialized : {}), tasks, nextPageToken: result.nextPageToken, pageSize: result.pageSize, totalSize: result.totalSize });
    }
    case "CreateTaskPushNotificationConfig":
      return json(TaskPushNotificationConfig.toJSON(await handler.createTaskPushNotificationConfig(TaskPushNotificationConfig.fromJSON({ ...body, taskId: method.taskId, tenant }), call)), 201);
    case "ListTaskPushNotificationConfigs":
      return json(ListTaskPushNotificationConfigsResponse.toJSON(await handler.listTaskPushNotificationConfigs({ taskId: method.taskId, pageSize: 0, pageToken: "", tenant }, call)));
    case "GetTaskPushNotificationConfig":
      return json(TaskPushNotificationConfig.toJSON(await handler.getTaskPushNotificationConfig({ taskId: method.taskId, id: method.configId, tenant }, call)));
    case "DeleteTaskPushNotificationConfig":
      await handler.deleteTaskPushNotificationConfig({ taskId: method.taskId, id: method.configId, tenant }, call);
      return context.body(null, 204);
  }
}

/**
 * `/a2a/{graph}/rest/...`: the HTTP+JSON (REST) binding of A2A v1.0 on the same port and behind the same
 * gate as JSON-RPC, with the paths, bodies and error shape of the SDK's reference REST handler (its
 * Express router needs Express, which our Hono server does not run; the work is the same request
 * handler). v1.0 only: a request without `A2A-Version: 1.0` is VersionNotSupported.
 *
 * @example
 * routes.all("/a2a/:graph/rest/*", (context) => restRoute(context, deps));
 */
export async function restRoute(context: Context, deps: BindingDeps): Promise<Response> {
  const graph = context.req.param("graph") ?? "";
  const prefix = `/a2a/${encodeURIComponent(graph)}/rest`;
  const path = new URL(context.req.url).pathname;
  const call = restCall(context.req.method, path.startsWith(prefix) ? path.slice(prefix.length) : "");
  if (call === undefined) return context.json({ error: { code: 404, status: "NOT_FOUND", message: `no A2A REST method ${context.req.method} ${path}. Fix: see the HTTP+JSON binding of A2A v1.0 (e.g. POST ${prefix}/message:send).`, details: [] } }, 404);
  if (call.hasBody) {
    const type = (context.req.header("content-type") ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
    if (type !== "application/json" && type !== a2aJson) return errorAnswer(new ContentTypeNotSupportedError(`Content-Type ${JSON.stringify(type)}; expected application/json or ${a2aJson}.`));
  }
  const target = { graph, binding: "rest" } as const;
  const { agent, admission } = await admitToAgent(context, deps, target, call.hasBody);
  if (agent === undefined || admission === undefined) return context.json({ error: { code: 404, status: "NOT_FOUND", message: `no A2A agent "${graph}". Fix: GET /a2a/agents lists them.`, details: [] } }, 404);
  if (admission.refused !== undefined) return restRefusal(context, admission.refused);
  let body: Record<string, unknown> = {};
  try {
    if (call.hasBody) body = parseA2aParams(call.method.name, admission.body);
    if (call.method.name === "GetExtendedAgentCard" && admission.caller === undefined) throw new A2aRefusalError("token_missing", "the extended card is for authenticated peers. Fix: send Authorization: Bearer <agent JWT>.");
  } catch (error) {
    if (!(error instanceof A2aRefusalError)) throw error;
    return restRefusal(context, refuseLate(deps, target, admission, error));
  }
  deps.gate.accepted(admission.caller, graph);
  const requestedVersion = context.req.header(A2A_VERSION_HEADER);
  const callContext = new ServerCallContext({ ...(admission.caller ? { user: new AgentUser(admission.caller.issuer) } : {}), ...(requestedVersion ? { requestedVersion } : {}), ...(call.tenant ? { tenant: call.tenant } : {}) });
  try {
    validateVersion(callContext.requestedVersion, await agent.handler.getAgentCard(), "HTTP+JSON");
    return await answer(context, agent, call.method, body, callContext, call.tenant ?? "");
  } catch (error) {
    return errorAnswer(error);
  }
}
