import { describe, expect, it } from "vitest";
import { detectPii, labelBefore } from "../../../src/verification/index.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("labels inside JSON, code and markdown", () => {
  it("reads a JSON key as the label of its value", () => {
    expect(kinds('{"orderId": "0612345678", "qty": 2}')).toEqual([]);
    expect(kinds('{"mobile": "0612345678"}')).toEqual(["phone"]);
    expect(kinds('{"invoice_number":"0044 1632 960 123"}')).toEqual([]);
    expect(kinds("phoneNumber = '612 345 678'")).toEqual(["phone"]);
    expect(labelBefore('{"customerPhone": "', 19)).toBe("phone");
  });

  it("reads a markdown label", () => {
    expect(kinds("**Mobile:** `612 345 678`")).toEqual(["phone"]);
    expect(kinds("| Order | 612 345 678 |")).toEqual([]);
    expect(kinds("- _Tracking_: 0612 345 678")).toEqual([]);
  });
});

describe("order numbers and phones in more languages", () => {
  it("order, invoice and tracking labels", () => {
    expect(kinds("Numer zamówienia: 612 345 678")).toEqual([]);
    expect(kinds("Faktura 0612 345 678 do zapłaty")).toEqual([]);
    expect(kinds("Sipariş no 0612 345 678 kargoda")).toEqual([]);
    expect(kinds("ご注文番号 0612-345-678")).toEqual([]);
    expect(kinds("订单号 0612 345 678")).toEqual([]);
    expect(kinds("رقم الطلب 0612345678")).toEqual([]);
  });

  it("phone labels", () => {
    expect(kinds("zadzwoń pod 612 345 678")).toEqual(["phone"]);
    expect(kinds("beni ara: 532 123 4567")).toEqual(["phone"]);
    expect(kinds("電話番号 612 345 678")).toEqual(["phone"]);
    expect(kinds("erreichbar unter 612 345 678")).toEqual(["phone"]);
  });

  it("national id labels", () => {
    expect(kinds("numer PESEL 02070803628")).toEqual(["national_id"]);
    expect(kinds("n° de sécu 1 85 05 78 006 084 91")).toEqual(["national_id"]);
    expect(kinds("Steueridentifikationsnummer 86095742719")).toEqual(["national_id"]);
  });
});

describe("structure and labels together", () => {
  it("reads four small groups after an IP label as an address, and not elsewhere", () => {
    expect(kinds("ip 10 0 0 1")).toEqual(["ip_address"]);
    expect(kinds("scores 10 0 0 1")).toEqual([]);
  });

  it("never reads a number dialled with + as a card", () => {
    expect(kinds("call +44 (0)7911 123456")).toEqual(["phone"]);
  });

  it("reads written dots between spelled numbers, and the symbols in brackets", () => {
    expect(kinds("ip one nine two . one six eight . zero . one")).toEqual(["ip_address"]);
    expect(kinds("email me: ana.silva[@]uol.com.br")).toEqual(["email"]);
    expect(kinds("txt me at 555-0199-2233 pls")).toEqual(["phone"]);
  });
});

describe("document structure is not an address", () => {
  it("reads section, chapter and page numbers as identifiers", () => {
    expect(kinds("Kapitel 10.4.2.1 beschreibt das")).toEqual([]);
    expect(kinds("see section 4.1.1.1 of the spec")).toEqual([]);
    expect(kinds("the resolver is 4.1.1.1")).toEqual(["ip_address"]);
  });
});

describe("label words that are ordinary words in another language", () => {
  it("does not read Spanish and Portuguese 'para' or the verb 'page' as a document label", () => {
    expect(kinds("llámame para quedar: +34 612 345 678")).toEqual(["phone"]);
    expect(kinds("page me at +1 415 555 0143")).toEqual(["phone"]);
  });
});
