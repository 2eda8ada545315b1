import { describe, expect, it } from "vitest";
import { restCall } from "../../../src/server/a2a-rest-path.ts";

describe("the A2A v1.0 HTTP+JSON path table", () => {
  it("names each method by verb and path, as the SDK's REST client calls them", () => {
    expect(restCall("POST", "/message:send")).toEqual({ method: { name: "SendMessage" }, tenant: undefined, hasBody: true });
    expect(restCall("POST", "/message:stream")?.method.name).toBe("SendStreamingMessage");
    expect(restCall("GET", "/extendedAgentCard")).toEqual({ method: { name: "GetExtendedAgentCard" }, tenant: undefined, hasBody: false });
    expect(restCall("GET", "/tasks")?.method.name).toBe("ListTasks");
    expect(restCall("GET", "/tasks/t-1")?.method).toEqual({ name: "GetTask", taskId: "t-1" });
    expect(restCall("POST", "/tasks/t-1:cancel")?.method).toEqual({ name: "CancelTask", taskId: "t-1" });
    expect(restCall("GET", "/tasks/t-1:subscribe")?.method).toEqual({ name: "SubscribeToTask", taskId: "t-1" });
    expect(restCall("POST", "/tasks/t-1:subscribe")?.method).toEqual({ name: "SubscribeToTask", taskId: "t-1" });
    expect(restCall("POST", "/tasks/t-1/pushNotificationConfigs")).toEqual({ method: { name: "CreateTaskPushNotificationConfig", taskId: "t-1" }, tenant: undefined, hasBody: true });
    expect(restCall("GET", "/tasks/t-1/pushNotificationConfigs")?.method.name).toBe("ListTaskPushNotificationConfigs");
    expect(restCall("GET", "/tasks/t-1/pushNotificationConfigs/c-1")?.method).toEqual({ name: "GetTaskPushNotificationConfig", taskId: "t-1", configId: "c-1" });
    expect(restCall("DELETE", "/tasks/t-1/pushNotificationConfigs/c-1")?.method).toEqual({ name: "DeleteTaskPushNotificationConfig", taskId: "t-1", configId: "c-1" });
  });

  it("reads a leading tenant, ids with colons or escaped slashes, and refuses the rest", () => {
    expect(restCall("POST", "/acme/message:send")).toEqual({ method: { name: "SendMessage" }, tenant: "acme", hasBody: true });
    expect(restCall("POST", "/tasks/urn:x:1:cancel")?.method).toEqual({ name: "CancelTask", taskId: "urn:x:1" });
    expect(restCall("GET", "/tasks/a%2Fb")?.method).toEqual({ name: "GetTask", taskId: "a/b" });
    for (const [verb, path] of [["GET", "/message:send"], ["PUT", "/tasks"], ["GET", "/tasks/%E0%A4%A"], ["GET", "/tasks/a/b"], ["POST", "/acme/other/message:send"], ["GET", "/"], ["DELETE", "/tasks/t-1"]] as const) {
      expect({ verb, path, call: restCall(verb, path) }).toEqual({ verb, path, call: undefined });
    }
  });
});
