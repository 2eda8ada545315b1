/** One HTTP+JSON (REST) method of A2A v1.0, as its path and verb name it. */
export type RestMethod =
  | { name: "GetExtendedAgentCard" }
  | { name: "SendMessage" }
  | { name: "SendStreamingMessage" }
  | { name: "ListTasks" }
  | { name: "GetTask"; taskId: string }
  | { name: "CancelTask"; taskId: string }
  | { name: "SubscribeToTask"; taskId: string }
  | { name: "CreateTaskPushNotificationConfig"; taskId: string }
  | { name: "ListTaskPushNotificationConfigs"; taskId: string }
  | { name: "GetTaskPushNotificationConfig"; taskId: string; configId: string }
  | { name: "DeleteTaskPushNotificationConfig"; taskId: string; configId: string };

/** A resolved REST request: the method, the tenant when the path starts with one, and whether it has a body. */
export interface RestCall {
  method: RestMethod;
  tenant: string | undefined;
  hasBody: boolean;
}

const roots = new Set(["extendedAgentCard", "message:send", "message:stream", "tasks"]);

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `{id}:verb` → the id and verb; the id may itself hold colons, the verb is after the last one. */
function verbOf(segment: string): { id: string; verb: string | undefined } {
  const colon = segment.lastIndexOf(":");
  if (colon <= 0) return { id: segment, verb: undefined };
  return { id: segment.slice(0, colon), verb: segment.slice(colon + 1) };
}

function method(verb: string, parts: readonly string[]): RestMethod | undefined {
  const [root, second, third, fourth, ...more] = parts;
  if (more.length > 0) return undefined;
  if (root === "extendedAgentCard" && second === undefined) return verb === "GET" ? { name: "GetExtendedAgentCard" } : undefined;
  if (root === "message:send" && second === undefined) return verb === "POST" ? { name: "SendMessage" } : undefined;
  if (root === "message:stream" && second === undefined) return verb === "POST" ? { name: "SendStreamingMessage" } : undefined;
  if (root !== "tasks") return undefined;
  if (second === undefined) return verb === "GET" ? { name: "ListTasks" } : undefined;
  if (third === undefined) {
    const { id, verb: action } = verbOf(second);
    if (action === "cancel") return verb === "POST" ? { name: "CancelTask", taskId: id } : undefined;
    if (action === "subscribe") return verb === "GET" || verb === "POST" ? { name: "SubscribeToTask", taskId: id } : undefined;
    return verb === "GET" ? { name: "GetTask", taskId: second } : undefined;
  }
  if (third !== "pushNotificationConfigs") return undefined;
  if (fourth === undefined) return verb === "POST" ? { name: "CreateTaskPushNotificationConfig", taskId: second } : verb === "GET" ? { name: "ListTaskPushNotificationConfigs", taskId: second } : undefined;
  if (verb === "GET") return { name: "GetTaskPushNotificationConfig", taskId: second, configId: fourth };
  return verb === "DELETE" ? { name: "DeleteTaskPushNotificationConfig", taskId: second, configId: fourth } : undefined;
}

/**
 * The A2A v1.0 HTTP+JSON method a verb and path (below the interface URL) name, as the SDK's REST client and
 * its reference Express handler lay them out (`/message:send`, `/tasks/{id}:cancel`, ...), with an optional
 * leading tenant segment. Undefined for anything else.
 *
 * @example
 * restCall("POST", "/message:send"); // { method: { name: "SendMessage" }, tenant: undefined, hasBody: true }
 */
export function restCall(verb: string, path: string): RestCall | undefined {
  const raw = path.split("/").filter((segment) => segment !== "");
  const parts = raw.map(decoded);
  if (parts.some((part) => part === undefined || part === "")) return undefined;
  const segments = parts.filter((part): part is string => part !== undefined);
  const tenant = segments[0] !== undefined && !roots.has(segments[0]) ? segments[0] : undefined;
  const found = method(verb, tenant === undefined ? segments : segments.slice(1));
  if (found === undefined) return undefined;
  const hasBody = found.name === "SendMessage" || found.name === "SendStreamingMessage" || found.name === "CreateTaskPushNotificationConfig";
  return { method: found, tenant, hasBody };
}
