import { describe, expect, it } from "vitest";
import { estimateTokens } from "../../../src/memory/index.ts";
import { countTokens } from "../../../src/routing/index.ts";
import { workloadTasks } from "../../../src/workload/index.ts";
import { syntheticHistory } from "../memory/history.ts";

/**
 * The error of the estimate against cl100k_base (the base vocabulary of Llama 3's tokenizer; Gemini's
 * is not available offline). docs/memory-counting-and-recall.md quotes the estimate's error as the baseline of exact counting.
 */
describe("estimateTokens against cl100k_base", () => {
  it("is within 8% per ticket on average and 10% in total on the bundled workload", () => {
    let absolute = 0;
    let estimated = 0;
    let reference = 0;
    const tasks = workloadTasks();
    for (const task of tasks) {
      const estimate = estimateTokens(task.input);
      const exact = countTokens(task.input, "llama3.1");
      absolute += Math.abs(estimate - exact) / exact;
      estimated += estimate;
      reference += exact;
    }
    const meanError = absolute / tasks.length;
    console.info(`estimate vs cl100k_base on ${tasks.length} tickets: mean abs error ${(meanError * 100).toFixed(1)}%, total ratio ${(estimated / reference).toFixed(3)}`);
    expect(meanError).toBeLessThan(0.08);
    expect(Math.abs(estimated / reference - 1)).toBeLessThan(0.1);
  });

  it("is within 15% on a long conversation, code and numbers", () => {
    const samples = [
      syntheticHistory(5_000).map((message) => String(message.content)).join("\n"),
      "function add(a: number, b: number): number { return a + b; }\nconst total = add(1200, 345);",
      "Invoice 2024-118 totals £1,028.50; paid 12/03/2024 by card ending 4242.",
    ];
    for (const text of samples) expect(Math.abs(estimateTokens(text) / countTokens(text, "llama3.1") - 1)).toBeLessThan(0.15);
  });

  it("is zero for empty text", () => {
    expect(estimateTokens("")).toBe(0);
  });
});
