import { checkedStream, type CheckedPart, type CompletedToolCall, type StreamPart } from "../../../src/verification/index.ts";

async function* parts(items: StreamPart[], log: string[]): AsyncGenerator<StreamPart> {
  for (const item of items) {
    log.push(`source:${item.type}`);
    yield item;
  }
  log.push("source:end");
}

async function collect(source: AsyncIterable<CheckedPart>, log: string[]): Promise<CheckedPart[]> {
  const result: CheckedPart[] = [];
  for await (const part of source) {
    log.push(`out:${part.type}`);
    result.push(part);
  }
  return result;
}

describe("checkedStream", () => {
  const toolParts: StreamPart[] = [
    { type: "text", text: "Refunding now. " },
    { type: "tool_call_chunk", index: 0, id: "call_1", name: "refund", args: '{"order_id":' },
    { type: "tool_call_chunk", index: 0, args: '"A1","amount":' },
    { type: "tool_call_chunk", index: 0, args: "900}" },
  ];

  it("releases a tool call only whole and only after the monitor's verdict on the complete call", async () => {
    const log: string[] = [];
    const seen: CompletedToolCall[] = [];
    const verdict = async (call: CompletedToolCall) => {
      log.push("verdict");
      seen.push(call);
      return { allowed: true as const };
    };
    const out = await collect(checkedStream(parts(toolParts, log), { toolVerdict: verdict }), log);
    expect(seen).toEqual([{ index: 0, id: "call_1", name: "refund", args: '{"order_id":"A1","amount":900}' }]);
    expect(out.at(-1)).toEqual({ type: "tool_call", call: seen[0] });
    // No tool part leaves before the source has ended and the verdict is in.
    expect(log.indexOf("out:tool_call")).toBeGreaterThan(log.indexOf("verdict"));
    expect(log.indexOf("verdict")).toBeGreaterThan(log.indexOf("source:end"));
  });

  it("withholds a call the monitor refuses", async () => {
    const out = await collect(checkedStream(parts(toolParts, []), { toolVerdict: async () => ({ allowed: false, reason: "refund over 500 needs approval" }) }), []);
    expect(out.filter((part) => part.type === "tool_call")).toEqual([]);
    expect(out.at(-1)).toMatchObject({ type: "tool_call_blocked", reason: "refund over 500 needs approval" });
  });

  it("redacts text across chunks and stops reading the source after a block", async () => {
    const log: string[] = [];
    const text: StreamPart[] = ["mail ", "ann@exa", "mple.com ", "now. ", "more ", "text"].map((chunk) => ({ type: "text", text: chunk }));
    const out = await collect(checkedStream(parts(text, log), { pii: { strategy: "redact" } }), log);
    expect(out.map((part) => (part.type === "text" ? part.text : "")).join("")).toBe("mail [REDACTED:email] now. more text");
    const blockedLog: string[] = [];
    const blocked = await collect(checkedStream(parts(text, blockedLog), { pii: { strategy: "block" } }), blockedLog);
    expect(blocked.at(-1)?.type).toBe("blocked");
    expect(blockedLog).not.toContain("source:end");
  });
});
