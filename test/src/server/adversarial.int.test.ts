import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeProcess } from "./serve-process.ts";

const limit = 1_048_576;
const envelope = (input: string, extra = "") => `{"assistant_id":"gateway","input":{"request":{"input":${JSON.stringify(input)}}}${extra}}`;

interface Case {
  name: string;
  body: () => string | Buffer | ReadableStream<Uint8Array>;
  /** "run": a valid request the gateway processes; a number: the 4xx the server must answer, with `mentions` in its message. */
  expect: "run" | number;
  mentions?: string;
}

function chunkedBody(totalBytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(0x78);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

const cases: Case[] = [
  { name: "one unbroken word up to the body limit", body: () => envelope("x".repeat(limit - 4_096)), expect: "run" },
  { name: "one CJK word up to the body limit", body: () => envelope("日".repeat(Math.floor((limit - 4_096) / 3))), expect: "run" },
  { name: "a run of spaces", body: () => envelope(`${" ".repeat(limit - 4_096)}a`), expect: "run" },
  { name: "200,000 nested arrays", body: () => envelope("hi", `,"metadata":{"deep":${"[".repeat(200_000)}${"]".repeat(200_000)}}`), expect: 400, mentions: "nests deeper than 64" },
  { name: "a 150,000-element array", body: () => envelope("hi", `,"metadata":{"wide":[${"0,".repeat(150_000)}0]}`), expect: "run" },
  { name: "invalid UTF-8", body: () => Buffer.concat([Buffer.from(envelope("bad ").slice(0, -5)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}}')]), expect: 400, mentions: "not valid UTF-8" },
  { name: "a huge number", body: () => `{"assistant_id":"gateway","input":{"request":{"input":"hi","deadline_ms":1e400}}}`, expect: 422, mentions: "deadline_ms" },
  { name: "a body over the limit", body: () => envelope("y".repeat(2 * limit)), expect: 413, mentions: "server.max_body_bytes" },
  { name: "a 40 MB chunked body", body: () => chunkedBody(40 * limit), expect: 413, mentions: "1048576 bytes" },
];

describe("switchyard serve under adversarial input", () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe();
  });
  afterAll(async () => {
    await serve.stop();
    serve.remove();
  });

  it("answers /ok while each adversarial request is processed, and refuses the bad ones with a clear 4xx", async () => {
    const probes: { sent: number; answered: number | undefined; status: number | undefined }[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const probe: (typeof probes)[number] = { sent: performance.now(), answered: undefined, status: undefined };
        probes.push(probe);
        const response = await fetch(`${serve.url}/ok`).catch(() => undefined);
        probe.status = response?.status;
        probe.answered = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const outcomes: { name: string; status: number; message: string; start: number; end: number }[] = [];
    for (const test of cases) {
      const start = performance.now();
      const body = test.body();
      const response = await fetch(`${serve.url}/runs/wait`, { method: "POST", headers: { "content-type": "application/json" }, body, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
      const text = await response.text();
      outcomes.push({ name: test.name, status: response.status, message: text.slice(0, 2_000), start, end: performance.now() });
    }
    probing = false;
    await prober;

    for (const [index, test] of cases.entries()) {
      const outcome = outcomes[index]!;
      if (test.expect === "run") {
        expect(outcome.status, `${test.name}: ${outcome.message.slice(0, 300)}`).toBe(200);
      } else {
        expect(outcome.status, `${test.name}: ${outcome.message.slice(0, 300)}`).toBe(test.expect);
        expect(outcome.message, test.name).toContain(test.mentions);
      }
    }
    // Every probe was answered, and 200.
    expect(probes.filter((probe) => probe.status !== 200)).toEqual([]);
    // A request that took long did not hold the event loop: probes were answered while it was in flight.
    for (const outcome of outcomes.filter((item) => item.end - item.start > 1_000)) {
      const during = probes.filter((probe) => probe.answered !== undefined && probe.answered > outcome.start && probe.answered < outcome.end);
      expect(during.length, `${outcome.name} took ${Math.round(outcome.end - outcome.start)} ms`).toBeGreaterThan(0);
    }
  }, 240_000);

  it("gives the LangGraph SDK a clear error for a body over the limit", async () => {
    const client = new Client({ apiUrl: serve.url, callerOptions: { maxRetries: 0 } });
    const error = await client.runs.wait(null, "gateway", { input: { request: { input: "z".repeat(2 * limit) } } }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(String(error)).toContain("413");
    expect(String(error)).toContain("server.max_body_bytes");
  }, 60_000);
});
