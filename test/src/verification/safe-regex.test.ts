import { regexProblem, smuggledActions } from "../../../src/verification/index.ts";

describe("policy regexes are vetted for catastrophic backtracking", () => {
  it.each(["(a+)+$", "(a*)*b", "(a|aa)*c", "((ab)+)+", "(x{1,})+", "(\\w+\\s?)+$", "(a)\\1", "(?=a)b"])("refuses %s", (pattern) => {
    expect(regexProblem(pattern)).toBeDefined();
  });

  it.each(["^ord-[0-9]{4}$", "internal use only", "(ab)?c", "[a-z]+@[a-z]+\\.com", "(foo|bar) baz", "(a+)b"])("accepts %s", (pattern) => {
    expect(regexProblem(pattern)).toBeUndefined();
  });
});

describe("smuggled actions are calls, not mentions", () => {
  const forbidden = ["export_customers", "export_data", "delete_record"];
  it.each(["We never export customers' data.", "Deleting records is not something we do", "I will not delete record 7 today", "export data is disabled"])("lets prose through: %s", (text) => {
    expect(smuggledActions(text, forbidden)).toEqual([]);
  });
  it.each([
    ["export_data({\"all\": true})", "export_data"],
    ["then EXPORT-CUSTOMERS()", "export_customers"],
    ['{"tool": "Delete_Record", "args": {}}', "delete_record"],
    ["ｄｅｌｅｔｅ_ｒｅｃｏｒｄ(9)", "delete_record"],
    ["dele\u200bte_record (4)", "delete_record"],
  ])("catches %s", (text, action) => {
    expect(smuggledActions(text, forbidden)).toEqual([action]);
  });
});
