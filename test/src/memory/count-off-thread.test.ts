import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { countText, OFF_THREAD_MIN_CHARS, stampTokenCounts, stampTokenCountsOffThread, countTextOffThread } from "../../../src/memory/index.ts";

const prose = "We chose Postgres 16.2 for the billing service; they'll migrate on Monday, said Ada. ";
const long = prose.repeat(Math.ceil((OFF_THREAD_MIN_CHARS * 2) / prose.length));

describe("counting off the event loop", () => {
  it("gives the count the calling thread gives, for every tokenizer, long and short", async () => {
    for (const tokenizer of ["estimate", "o200k_base", "cl100k_base"] as const) {
      expect(await countTextOffThread(long, tokenizer)).toBe(countText(long, tokenizer));
      expect(await countTextOffThread("short text", tokenizer)).toBe(countText("short text", tokenizer));
    }
  });

  it("stamps a message exactly as the messages reducer would, so the reducer counts nothing more", async () => {
    const offThread = new HumanMessage(long);
    const inline = new HumanMessage(long);
    await stampTokenCountsOffThread([offThread], ["estimate", "o200k_base"]);
    stampTokenCounts([inline], ["estimate", "o200k_base"]);
    expect(offThread.response_metadata).toEqual(inline.response_metadata);
  });
});
