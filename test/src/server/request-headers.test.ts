import type { AddressInfo } from "node:net";
import { request } from "node:http";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { requestHeader } from "../../../src/server/request-headers.ts";

/** Sends raw header lines (repeats included, in this order) and answers what requestHeader and Hono's own reading say. */
async function headersSeen(lines: Array<[string, string]>, names: string[]): Promise<{ ours: Record<string, string | null>; hono: Record<string, string | null> }> {
  const app = new Hono();
  app.get("/", (context) => {
    const ours = Object.fromEntries(names.map((name) => [name, requestHeader(context, name) ?? null]));
    const hono = Object.fromEntries(names.map((name) => [name, context.req.header(name) ?? null]));
    return context.json({ ours, hono });
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    return await new Promise((resolve, reject) => {
      // A flat list keeps repeats and case as sent; it needs its own Host line (Node adds none to a list).
      const headers = [["Host", `127.0.0.1:${port}`], ...lines].flat();
      const sent = request({ host: "127.0.0.1", port, path: "/", method: "GET", headers }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve(JSON.parse(text) as { ours: Record<string, string | null>; hono: Record<string, string | null> }));
      });
      sent.on("error", reject);
      sent.end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("requestHeader", () => {
  it("answers under Node what Hono's own reading answers: any case, repeats joined, absent as undefined", async () => {
    const { ours, hono } = await headersSeen(
      [
        ["Origin", "http://localhost:3000"],
        ["X-Tenant-Id", "a"],
        ["x-tenant-id", "b"],
        ["Content-Type", "application/json; charset=utf-8"],
      ],
      ["origin", "x-tenant-id", "content-type", "last-event-id"],
    );
    expect(ours).toEqual(hono);
    expect(ours).toEqual({ origin: "http://localhost:3000", "x-tenant-id": "a, b", "content-type": "application/json; charset=utf-8", "last-event-id": null });
  });

  it("reads Hono's request in process (app.request), where there is no Node request", async () => {
    const app = new Hono();
    app.get("/", (context) => context.text(requestHeader(context, "origin") ?? "none"));
    expect(await (await app.request("/", { headers: { Origin: "http://example.test" } })).text()).toBe("http://example.test");
    expect(await (await app.request("/")).text()).toBe("none");
  });
});
