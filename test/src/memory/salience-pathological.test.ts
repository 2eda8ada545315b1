import { describe, expect, it } from "vitest";
import { salienceOf } from "../../../src/memory/index.ts";

// 200,000 characters: the quadratic readings took 1 s ("a.") and 3.6 s ("| a…") on 20,000, and would outlast the test timeout here.
const size = 200_000;

describe("salience of long adversarial sentences", () => {
  it("reads runs an email address's local part would match, and still finds the address after one", () => {
    expect(salienceOf("a.".repeat(size / 2)).kinds).toEqual([]);
    expect(salienceOf("4-".repeat(size / 2)).kinds).toEqual(["number"]);
    expect(salienceOf("10.0.0.".repeat(size / 7)).kinds).toEqual(["number", "date"]);
    // Past the 2,000 characters a sentence is read on, the address no longer counts; inside them it does.
    expect(salienceOf(`${"a.".repeat(size / 2)}dana.roth@quillmail.com`).kinds).toEqual([]);
    expect(salienceOf(`${"a.".repeat(900)}dana.roth@quillmail.com`).kinds).toEqual(["entity"]);
  });

  it("reads a table row with one long cell, with and without its closing bar", () => {
    expect(salienceOf(`| ${"a".repeat(size)}`).kinds).toEqual([]);
    expect(salienceOf(`| ${"a ".repeat(size / 2)}| x`).kinds).toEqual([]);
    expect(salienceOf(`| ${"a ".repeat(900)}| x`).kinds).toEqual(["field"]);
    expect(salienceOf(`| ${"a ".repeat(size / 2)}| value |`).kinds).toEqual([]);
  });
});
