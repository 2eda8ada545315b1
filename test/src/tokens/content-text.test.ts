import { contentText, replyText } from "../../../src/tokens/content-text.ts";

describe("a message's text", () => {
  const blocks = [{ type: "text", text: '{"a":' }, { type: "image_url", image_url: "x" }, { type: "text", text: "1}" }];

  it("replyText is what a reader sees: text parts joined with nothing between, other parts dropped", () => {
    expect(replyText("plain")).toBe("plain");
    expect(replyText(blocks)).toBe('{"a":1}');
    expect(replyText(undefined)).toBe("");
    expect(replyText({ text: "not a list" })).toBe("");
  });

  it("contentText is what gets counted or hashed: other parts kept as JSON", () => {
    expect(contentText(blocks)).toBe('{"a":\n{"type":"image_url","image_url":"x"}\n1}');
  });
});
