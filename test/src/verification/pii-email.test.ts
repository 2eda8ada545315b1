import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";

const found = (text: string) => detectPii(text).map((finding) => [finding.kind, finding.text]);

describe("email addresses with a spoken or bracketed at and dot", () => {
  it("reads the words for @ and . in more languages", () => {
    expect(found("schrijf naar piet apenstaartje kpn punt nl")).toEqual([["email", "piet apenstaartje kpn punt nl"]]);
    expect(found("scrivi a gianni chiocciola tiscali punto it")).toEqual([["email", "gianni chiocciola tiscali punto it"]]);
    expect(found("adres: ola małpa interia kropka pl")).toEqual([["email", "ola małpa interia kropka pl"]]);
    expect(found("ayse(at)yandex(nokta)com")).toEqual([["email", "ayse(at)yandex(nokta)com"]]);
  });

  it("reads an @ said in two words, and the Norwegian words", () => {
    expect(found("e-postam ayse.demir et işareti hotmail nokta com")).toEqual([["email", "ayse.demir et işareti hotmail nokta com"]]);
    expect(found("email là tuan.nguyen a còng gmail chấm com")).toEqual([["email", "tuan.nguyen a còng gmail chấm com"]]);
    expect(found("e-post: kari.nordmann krøllalfa online punktum no")).toEqual([["email", "kari.nordmann krøllalfa online punktum no"]]);
  });

  it("takes an address wrapped over lines whole, but not the sentence before it", () => {
    expect(found("write to maximilian.\nmustermann@\nbeispiel.de")).toEqual([["email", "maximilian.\nmustermann@\nbeispiel.de"]]);
    expect(found("Thanks.\nanna@example.com")).toEqual([["email", "anna@example.com"]]);
  });

  it("takes spoken dots inside the handle, and dashes around the words", () => {
    expect(found("mail marie point curie arobase sorbonne point fr")).toEqual([["email", "marie point curie arobase sorbonne point fr"]]);
    expect(found("ping sam - at - acme - dot - io")).toEqual([["email", "sam - at - acme - dot - io"]]);
  });

  it("does not read prose with 'at' and 'point' as an address", () => {
    expect(found("the point is at noon dot com time")).toEqual([]);
    expect(found("we looked at the results - at best - dot the i's")).toEqual([]);
  });
});
