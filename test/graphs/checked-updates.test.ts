import { checkedUpdates } from "../../graphs/checked-updates.ts";

async function* updates(items: Array<Record<string, unknown>>): AsyncGenerator<Record<string, unknown>> {
  yield* items;
}

async function collect(source: AsyncIterable<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
  const result: Array<Record<string, unknown>> = [];
  for await (const item of source) result.push(item);
  return result;
}

describe("checkedUpdates", () => {
  const router = { router: { status: "succeeded", output: { raw: "card 4111 1111 1111 1111" }, messages: ["raw answer"] } };

  it("releases the router's answer only with verify_output's redaction in it", async () => {
    const verdict = { verify_output: { output: { raw: "card [REDACTED:payment_card]" }, messages: ["checked answer"] } };
    const out = await collect(checkedUpdates(updates([{ accept: {} }, router, verdict, { guardian: {} }])));
    expect(out).toEqual([{ accept: {} }, { router: { status: "succeeded", output: { raw: "card [REDACTED:payment_card]" }, messages: ["checked answer"] } }, verdict, { guardian: {} }]);
  });

  it("drops the answer when verify_output blocks, and when the run stops before the verdict", async () => {
    const blocked = await collect(checkedUpdates(updates([router, { verify_output: { status: "failed" } }])));
    expect(JSON.stringify(blocked)).not.toContain("4111");
    const stopped = await collect(checkedUpdates(updates([router])));
    expect(stopped).toEqual([{ router: { status: "succeeded" } }]);
  });

  it("passes a checked answer that needed no change as it was", async () => {
    const clean = { router: { status: "succeeded", output: { raw: "all good" } } };
    expect(await collect(checkedUpdates(updates([clean, { verify_output: {} }])))).toEqual([clean, { verify_output: {} }]);
  });
});
