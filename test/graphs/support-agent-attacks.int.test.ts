import { attackCases, violations } from "../support/support-attacks.ts";

describe("support agent attack suite: no forbidden or over-limit action executes", () => {
  it.each(attackCases.map((attack) => [attack.name, attack] as const))("%s", async (_name, attack) => {
    expect(violations(await attack.attack())).toEqual([]);
  }, 120_000);
});
