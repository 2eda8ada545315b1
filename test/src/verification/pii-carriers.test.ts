import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText } from "../../../src/verification/index.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);
const texts = (text: string) => detectPii(text).map((finding) => finding.text);

describe("values a URL encoded", () => {
  it("reads percent-encoded separators and a query's '+' as the spaces and dashes they stand for", () => {
    expect(kinds("GET /pay?pan=4111%201111%201111%201111&cvv=***")).toEqual(["payment_card"]);
    expect(kinds("https://crm.example.com/cb?tel=%2B44%2D7700%2D900123")).toEqual(["phone"]);
    expect(kinds("refund?iban=DE89+3704+0044+0532+0130+00&amount=12")).toEqual(["iban"]);
    expect(texts("refund?iban=DE89+3704+0044+0532+0130+00&amount=12")).toEqual(["DE89+3704+0044+0532+0130+00"]);
  });

  it("reads letters and digits percent-encoded or escaped, named references and quoted-printable", () => {
    expect(kinds("card=%34%31%31%31%20%31%31%31%31%20%31%31%31%31%20%31%31%31%31")).toEqual(["payment_card"]);
    expect(kinds("card \\x34\\x31\\x31\\x31 1111 1111 1111")).toEqual(["payment_card"]);
    expect(kinds("card 4111&nbsp;1111&nbsp;1111&nbsp;1111")).toEqual(["payment_card"]);
    expect(kinds("Reply-To: ann.lee=40example.org")).toEqual(["email"]);
    expect(normalisePiiText("?limit=400&page=2026")).toBe("?limit=400&page=2026");
  });

  it("leaves an encoded search for an order number clean", () => {
    expect(kinds("https://shop.example.net/search?q=order%20482913375%20status")).toEqual([]);
    expect(kinds("/find?q=order+482913375+status")).toEqual([]);
  });
});

describe("look-alike letters and slashes", () => {
  it("reads Cyrillic and Greek look-alikes in a token of digits and Latin letters as Latin, and round ones in digit groups as digits", () => {
    expect(kinds("IBAN ВЕ68539007547034")).toEqual(["iban"]);
    expect(normalisePiiText("Handy +43 664 Ο53 7З86")).toBe("Handy +43 664 053 7386");
    expect(normalisePiiText("Заказ 5З0 отправлен")).toBe("Заказ 5З0 отправлен");
  });

  it("reads the fraction slash, division slash and big solidus as a slash", () => {
    expect(normalisePiiText("3⁄4 and 1∕2 and 5⧸8")).toBe("3/4 and 1/2 and 5/8");
    expect(kinds("mix 3⁄4 cup with 1⁄2 spoon")).toEqual([]);
  });
});

describe("values a carrier split", () => {
  it("closes up an address wrapped after its '@' or a domain dot", () => {
    expect(kinds("WARN bounce user=ann.lee@\n    example.org retry=3")).toEqual(["email"]);
    expect(kinds("reply-to: ann.lee@example.\n  org")).toEqual(["email"]);
  });

  it("joins a user name and an '@domain' in the next cell of a table row", () => {
    expect(kinds("| name | user | domain |\n|---|---|---|\n| Ann | ann.lee | @example.org |")).toEqual(["email"]);
    expect(kinds("Ann\tann.lee\t@example.org")).toEqual(["email"]);
  });

  it("ends a table row at its line break, and keeps a cell with marks of its own apart", () => {
    expect(kinds("| Teil 1 | Teil 2 | Teil 3 | Teil 4 |\n|---|---|---|---|\n| 4000 | 0566 | 5566 | 5556 |")).toEqual(["payment_card"]);
    expect(kinds("| version | released |\n|---|---|\n| 5.3.0 | 2026-11-30 |\n| 5.3.1 | 2026-12-05 |")).toEqual([]);
  });
});

describe("values written backwards", () => {
  it("reads an address or a card turned round when the text says so", () => {
    expect(kinds("mail (backwards): gro.elpmaxe@eel.nna")).toEqual(["email"]);
    expect(texts("mijn kaart achterstevoren: 1111 1111 1111 1114")).toEqual(["1111 1111 1111 1114"]);
    expect(kinds("my phone reversed → 321009 0077 44+")).toEqual(["phone"]);
  });

  it("does not turn anything round without a word that says so, nor find what a label rules out", () => {
    expect(kinds("card: 1111 1111 1111 1114")).toEqual([]);
    expect(kinds("sorted backwards: order 48291337, order 48291336")).toEqual([]);
  });
});

describe("addresses that are no one's", () => {
  it("keeps an IPv6 prefix with its length and loopback addresses out", () => {
    expect(kinds("allowlist 2001:db8:35d::/48 and 10.0.0.0/8")).toEqual([]);
    expect(kinds("health check on 127.0.0.1:8080 passed")).toEqual([]);
    expect(kinds("the attacker came from 2a02:8108:1cc0::1a")).toEqual(["ip_address"]);
  });
});

describe("labels and digit words of more languages", () => {
  it("reads card, phone and id labels in other scripts", () => {
    expect(kinds("கார்டு எண் ௪௧௧௧ ௧௧௧௧ ௧௧௧௧ ௧௧௧௧")).toEqual(["payment_card"]);
    expect(kinds("ტელეფონი: +995 555 123 456")).toEqual(["phone"]);
    expect(kinds("ת.ז. 0\u200b3\u200b8\u200b1\u200b4\u200b1\u200b2\u200b5\u200b4")).toEqual(["national_id"]);
  });

  it("reads the spoken '@' and '.' of scripts written without spaces when they join an address's Latin parts", () => {
    expect(texts("メールはann_lee7アットマークexampleドットorgです")).toEqual(["ann_lee7アットマークexampleドットorg"]);
    expect(kinds("메일은 annlee골뱅이example닷org 으로")).toEqual(["email"]);
    expect(kinds("Windows11点击这里更新，iPhone15アットホームな店")).toEqual([]);
  });

  it("reads digits spelled in Bulgarian, Croatian, Latvian and Estonian", () => {
    const digits = (text: string) => normalisePiiText(text).replace(/\D/g, "");
    expect(digits("ЕГН 840625 шест шест нула нула")).toBe("8406256600");
    expect(digits("tel 0622 jedan osam nula")).toBe("0622180");
    expect(digits("tel 0989 trīs septiņi deviņi")).toBe("0989379");
    expect(digits("tel 0989 kolm seitse üheksa")).toBe("0989379");
  });
});

describe("the word 'no'", () => {
  it("labels a number only right before it", () => {
    expect(kinds("Visa ending… no wait, full number: 4000 0566 5566 5556")).toEqual(["payment_card"]);
    expect(kinds("Order no. 4000056655665556")).toEqual([]);
  });
});
