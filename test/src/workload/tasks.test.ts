import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildTaskPrompt,
  findTaskInText,
  generateTickets,
  isCorrect,
  ticketActions,
  ticketCategories,
  ticketExtractionSchema,
  ticketPriorities,
  ticketSentiments,
  entityTypes,
  workloadTasks,
  WORKLOAD_SEED,
  WORKLOAD_SIZE,
} from "../../../src/workload/index.ts";

describe("the bundled workload", () => {
  const tasks = workloadTasks();

  it("has at least 240 tasks with unique ids and inputs, each gold label schema-valid", () => {
    expect(tasks.length).toBeGreaterThanOrEqual(240);
    expect(new Set(tasks.map((task) => task.id)).size).toBe(tasks.length);
    expect(new Set(tasks.map((task) => task.input)).size).toBe(tasks.length);
    for (const task of tasks) expect(ticketExtractionSchema.safeParse(task.gold).success).toBe(true);
  });

  it("covers every category, priority, sentiment, action and entity type", () => {
    const seen = (pick: (task: (typeof tasks)[number]) => string[]) => new Set(tasks.flatMap(pick));
    expect(seen((task) => [task.gold.category])).toEqual(new Set(ticketCategories));
    expect(seen((task) => [task.gold.priority])).toEqual(new Set(ticketPriorities));
    expect(seen((task) => [task.gold.sentiment])).toEqual(new Set(ticketSentiments));
    expect(seen((task) => [task.gold.action])).toEqual(new Set(ticketActions));
    expect(seen((task) => task.gold.entities.map((entity) => entity.type))).toEqual(new Set(entityTypes));
    expect(tasks.some((task) => task.gold.amount !== null)).toBe(true);
    expect(tasks.some((task) => task.gold.amount === null)).toBe(true);
  });

  it("labels are consistent with the text: entities appear in order of first mention", () => {
    for (const task of tasks) {
      const positions = task.gold.entities.map((entity) => task.input.indexOf(entity.name));
      expect(positions.every((position) => position >= 0)).toBe(true);
      expect([...positions].sort((left, right) => left - right)).toEqual(positions);
      if (task.gold.amount !== null) expect(task.input).toMatch(/[$€£][\d,]+\.\d\d/);
    }
  });

  it("regenerates byte for byte from its seed", () => {
    const committed = readFileSync(new URL("../../../src/workload/tickets.json", import.meta.url), "utf8");
    const regenerated = `${JSON.stringify(generateTickets({ seed: WORKLOAD_SEED, count: WORKLOAD_SIZE }), null, 1)}\n`;
    expect(regenerated).toBe(committed);
  });

  it("finds the task in a prompt built for it, in a longer conversation, and nothing in other text", () => {
    for (const task of tasks.slice(0, 40)) expect(findTaskInText(buildTaskPrompt(task))?.id).toBe(task.id);
    const task = tasks[17]!;
    expect(findTaskInText(`system: be brief\nuser: please help. ${task.input} Thanks!`)?.id).toBe(task.id);
    expect(findTaskInText("hello, what is the weather in Paris?")).toBeUndefined();
  });

  it("isCorrect accepts the gold up to case and whitespace, and rejects any wrong field", () => {
    const gold = tasks.find((task) => task.gold.entities.length >= 2)!.gold;
    expect(isCorrect(gold, structuredClone(gold))).toBe(true);
    const shouted = { ...gold, entities: gold.entities.map((entity) => ({ ...entity, name: `  ${entity.name.toUpperCase()} ` })) };
    expect(isCorrect(gold, shouted)).toBe(true);
    expect(isCorrect(gold, { ...gold, entities: [...gold.entities].reverse() })).toBe(false);
    expect(isCorrect(gold, { ...gold, priority: gold.priority === "low" ? "high" : "low" })).toBe(false);
    expect(isCorrect(gold, { ...gold, amount: (gold.amount ?? 0) + 1 })).toBe(false);
    const { action: _dropped, ...missing } = gold;
    expect(isCorrect(gold, missing)).toBe(false);
    expect(isCorrect(gold, "not an object")).toBe(false);
  });
});
