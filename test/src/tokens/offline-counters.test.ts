import http from "node:http";
import https from "node:https";
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildLlama3Counter, readTokenizerData, SentencePieceCounter } from "../../../src/tokens/index.ts";

describe("tokenizers load and count offline", () => {
  afterEach(() => vi.restoreAllMocks());

  it("builds the Gemini and Llama 3 counters and counts with every network path throwing", () => {
    const refuse = () => {
      throw new Error("network access during token counting");
    };
    const spies = [
      vi.spyOn(globalThis, "fetch").mockImplementation(refuse),
      vi.spyOn(http, "request").mockImplementation(refuse),
      vi.spyOn(http, "get").mockImplementation(refuse),
      vi.spyOn(https, "request").mockImplementation(refuse),
      vi.spyOn(https, "get").mockImplementation(refuse),
      vi.spyOn(net, "connect").mockImplementation(refuse),
      vi.spyOn(net, "createConnection").mockImplementation(refuse),
    ];
    // Built anew here (not the process-wide ones), so loading is covered too.
    const gemini = new SentencePieceCounter(readTokenizerData("gemini"));
    const llama3 = buildLlama3Counter();
    expect(gemini.count("My daughter is called Ilse.")).toBe(7);
    expect(llama3.count("My daughter is called Ilse.")).toBeGreaterThan(4);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
