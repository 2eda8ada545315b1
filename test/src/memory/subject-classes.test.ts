import { describe, expect, it } from "vitest";
import { aliasesOf, classOf, isWeakClass, rootsOf } from "../../../src/memory/subject-classes.ts";

describe("subject classes", () => {
  it("folds words that name one subject, in generic nouns and a few everyday domains", () => {
    expect(classOf("licences")).toBe(classOf("seats"));
    expect(classOf("caterer")).toBe(classOf("food"));
    expect(classOf("assistant")).toBe(classOf("diary"));
    expect(classOf("removals")).toBe(classOf("move"));
    expect(classOf("rent")).not.toBe(classOf("lease"));
  });

  it("folds units of one dimension, so a change of units is a change of one quantity", () => {
    expect(classOf("centimetres")).toBe(classOf("feet"));
    expect(classOf("inches")).toBe(classOf("metres"));
    expect(classOf("MiB")).toBe(classOf("KB"));
    expect(classOf("feet")).not.toBe(classOf("KB"));
  });

  it("reads an agent noun's verb and two adjacent words written as one as aliases", () => {
    expect(aliasesOf(["owner"])).toContain(classOf("owns"));
    expect(aliasesOf(["call", "back"])).toContain(classOf("callback"));
    expect(rootsOf("Movers")).toEqual(["mover", "mov"]);
  });

  it("marks actions and channels as weak: sharing one links no two facts", () => {
    expect(isWeakClass(classOf("booked"))).toBe(true);
    expect(isWeakClass(classOf("venue"))).toBe(false);
  });
});
