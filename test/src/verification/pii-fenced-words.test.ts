import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

const found = (text: string) => detectPii(text).map((finding) => [finding.kind, finding.text]);

describe("spoken addresses fenced by a symbol", () => {
  it("reads the fences around a spoken @ or dot as brackets, and between two labels as a dot", () => {
    expect(normalisePiiText("mail: ruth.b ✦ at ✦ proton ✦ me")).toBe("mail: ruth.b(at)proton.me");
    expect(normalisePiiText("lars_o|snabel-a|telia|punkt|se")).toBe("lars_o(snabel-a)telia(punkt)se");
  });

  it("finds the address, and redacts it where it was written (an emoji before it included)", () => {
    expect(found("🙂 ruth.b ✦ at ✦ proton ✦ me, danke")).toEqual([["email", "ruth.b ✦ at ✦ proton ✦ me"]]);
    expect(found("escreve para joana.m · arroba · gmail · ponto · com")).toEqual([["email", "joana.m · arroba · gmail · ponto · com"]]);
    expect(found("kontakt: ewa_k▪małpa▪onet▪kropka▪pl")).toEqual([["email", "ewa_k▪małpa▪onet▪kropka▪pl"]]);
  });

  it("needs the same fence on both sides of the spoken @ and a real top-level domain", () => {
    expect(found("look 🔸 at 🔸 this 🔸 picture")).toEqual([]);
    expect(found("meet · at · noon | bring snacks")).toEqual([]);
    expect(found("ruth.b ✦ at 🔸 proton ✦ me")).toEqual([]);
  });

  it("reads a fence between two plain words as a dot only after a handle-shaped handle or with a spoken dot", () => {
    expect(found("see you · at · 5 · pm")).toEqual([]);
    expect(found("follow us | at | acme | on twitter")).toEqual([]);
    expect(found("write to sales | at | acme | dot | io")).toEqual([["email", "sales | at | acme | dot | io"]]);
  });
});
