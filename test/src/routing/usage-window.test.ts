import { UsageWindow } from "../../../src/routing/usage-window.ts";

describe("UsageWindow", () => {
  it("drops what left the window, answering its tokens, and corrects an estimate by sequence number across compactions", () => {
    const window = new UsageWindow();
    const sequences = Array.from({ length: 200 }, (_, index) => window.push(index, 10));
    expect(window.dropThrough(149)).toBe(1_500);
    expect(window.size).toBe(50);
    expect(window.oldest).toBe(150);
    // The arrays were compacted (head past 64 and half the length): sequence numbers still find their entry.
    expect(window.head).toBe(0);
    expect(window.correct(sequences[160] as number, 25)).toBe(15);
    expect(window.tokens[10]).toBe(25);
    // An admission that already left the window changes nothing.
    expect(window.correct(sequences[3] as number, 99)).toBe(0);
    expect(window.correct(sequences[199] as number + 1, 99)).toBe(0);
    expect(window.dropThrough(1_000)).toBe(49 * 10 + 25);
    expect(window.oldest).toBeUndefined();
  });
});
