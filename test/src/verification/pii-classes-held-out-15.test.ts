import { describe, expect, it } from "vitest";
import { detectPii, normalisePiiText, scrubPii, StreamTextChecker } from "../../../src/verification/index.ts";

/**
 * The mechanisms behind held-out-15's misses (numbers mangled by tooling and keyboards), each fixed as a class and
 * tested on sentences of its own (none taken from a held-out set or from a never-read split).
 */
const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("marks drawn over, under or around characters", () => {
  it("reads underlined, struck-out and encircled characters as themselves", () => {
    expect(normalisePiiText("IBAN D̲E̲8̲9̲ 3704")).toBe("IBAN DE89 3704");
    expect(kinds("card: 4̶1̶1̶1̶ 1̶1̶1̶1̶ 1̶1̶1̶1̶ 1̶1̶1̶1̶")).toEqual(["payment_card"]);
    expect(kinds("mail me: j̲o̲.̲b̲r̲a̲n̲d̲t̲@̲w̲e̲b̲.̲d̲e̲")).toEqual(["email"]);
    expect(kinds("ring 0⃝7⃝7⃝0⃝0⃝ 9⃝0⃝0⃝1⃝2⃝3⃝ after six")).toEqual(["phone"]);
  });

  it("leaves decorated text that holds no value alone", () => {
    expect(kinds("v̲e̲r̲s̲i̲o̲n̲ 2̲.̲4̲.̲1̲ is out")).toEqual([]);
  });
});

describe("Greek and Cyrillic letters typed for digits", () => {
  it("reads Ι, І for 1 and Ч for 4 in a digit group, and a group of look-alikes that mixes the two scripts", () => {
    expect(normalisePiiText("card 4111 Ι1ΙΙ 1111 1ІІ1")).toBe("card 4111 1111 1111 1111");
    expect(kinds("card Ч111 1111 1111 1111")).toEqual(["payment_card"]);
    expect(normalisePiiText("tel 07Ο0-ЗΙЧΙ-0123")).toBe("tel 0700-3141-0123");
  });

  it("reads a look-alike touching a digit inside a code of Latin capitals, and one left alone after a value", () => {
    expect(normalisePiiText("ref GB82 WEST 1234 5698 7654 З2")).toBe("ref GB82 WEST 1234 5698 7654 32");
    expect(normalisePiiText("code AB1З4X")).toBe("code AB134X");
    expect(normalisePiiText("IBAN NL91 ABNA 0417 1643 0Ι")).toBe("IBAN NL91 ABNA 0417 1643 01");
  });

  it("leaves Greek and Cyrillic words beside numbers alone", () => {
    expect(normalisePiiText("об 2024 году")).toBe("об 2024 году");
    expect(normalisePiiText("і 2024 рік")).toBe("і 2024 рік");
    expect(normalisePiiText("ΟΙ 12 ΑΠΟΣΤΟΛΟΙ")).toBe("ΟΙ 12 ΑΠΟΣΤΟΛΟΙ");
  });
});

describe("values a page's code builds or hides", () => {
  it("joins string literals concatenated in code", () => {
    expect(normalisePiiText("var to = 'jo.br' + 'andt@' + \"web.de\";")).toBe("var to = 'jo.brandt@web.de\";");
    expect(kinds("var to = 'jo.br' + 'andt@' + 'web.de';")).toEqual(["email"]);
    expect(kinds('const acct = "NL91" + "ABNA" + "0417" + "1643" + "00";')).toEqual(["iban"]);
    expect(kinds("const label = 'v' + '2.4' + '.1';")).toEqual([]);
  });

  it("drops a LaTeX or Perl escape before '@' and a markup comment inside a value", () => {
    expect(kinds("\\texttt{j.brandt\\@web.de}")).toEqual(["email"]);
    expect(normalisePiiText("<td>NL91ABNA<!-- x -->0417164300</td>")).toBe(" NL91ABNA0417164300 ");
    expect(normalisePiiText("see <!-- hidden --> here")).toBe("see <!-- hidden --> here");
  });

  it("decodes ROT13 when the text names it, only in value-shaped tokens", () => {
    expect(normalisePiiText("mail (rot13): wb.oenaqg@jro.qr")).toBe("mail (rot13): jo.brandt@web.de");
    expect(kinds("IBAN, ROT13'd: AY91NOAN0417164300")).toEqual(["iban"]);
    expect(normalisePiiText("ROT13 spoiler: Gur pbybary qvq vg")).toBe("ROT13 spoiler: Gur pbybary qvq vg");
    expect(normalisePiiText("mail: wb.oenaqg@jro.qr")).toBe("mail: wb.oenaqg@jro.qr");
  });
});

describe("Roman numerals for digits in a number read one digit at a time", () => {
  it("reads I–IX and 'nulla' in a run of single digits", () => {
    expect(kinds("my number: nulla 7 VII 0 0 9 I 2 III 4 V")).toEqual(["phone"]);
    expect(kinds("card 4 I I I 1 I I I 1 I I I 1 I I I")).toEqual(["payment_card"]);
  });

  it("leaves numerals in prose and short runs alone", () => {
    expect(normalisePiiText("Henry VIII had 6 wives; Part II 3 4")).toBe("Henry VIII had 6 wives; Part II 3 4");
    expect(normalisePiiText("chapters I II III IV V VI VII")).toBe("chapters I II III IV V VI VII");
  });
});

describe("codes a machine writes with their own check characters", () => {
  it("finds a Mexican CURP by its date, state and check digit, even with an O typed for its check digit", () => {
    expect(kinds("curp=PEMJ880315HJCRRN01")).toEqual(["national_id"]);
    expect(kinds("CURP LOAA020229MDFPNNA0 on file")).toEqual(["national_id"]);
    expect(kinds("CURP LOAA020229MDFPNNAO on file")).toEqual(["national_id"]);
    expect(kinds("sku PEMJ880315HJCRRN02")).toEqual([]);
  });

  it("finds a passport's machine-readable line by its three check digits", () => {
    expect(kinds("P<NLDVRIES<<JAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nX123456785NLD9002144M3001019<<<<<<<<<<<<<<04")).toEqual(["national_id"]);
    expect(kinds("X123456786NLD9002144M3001019<<<<<<<<<<<<<<04")).toEqual([]);
  });

  it("reads a South African identity number by its date, citizenship digit and Luhn check, with an id's label", () => {
    expect(kinds("identity number: 8001015009087")).toEqual(["national_id"]);
    expect(kinds("tracking 8001015009088")).toEqual([]);
  });
});

describe("digit words of Japanese and Korean read in Latin letters, and of Zulu", () => {
  it("reads them in a number, the short ones only in a chain with a word no other language uses", () => {
    expect(normalisePiiText("ichi kyuu nana yon")).toBe("1974");
    expect(kinds("call me: gong il chil sam sa o yuk pal gu il il")).toEqual(["phone"]);
    expect(kinds("inombolo yami: iqanda isikhombisa kubili kuthathu kune kuhlanu isithupha isishiyagalombili isishiyagalolunye kunye")).toEqual(["phone"]);
  });

  it("leaves the same short words in prose, and a capital read out as a letter", () => {
    expect(normalisePiiText("o sam, il a dit: i go")).toBe("o sam, il a dit: i go");
    expect(normalisePiiText("R O opt șase nouă doi")).toBe("R O 8692");
  });
});

describe("labels of Javanese, Santali, Zulu and Xhosa", () => {
  it("reads their words for card, phone, call, identity and number", () => {
    expect(kinds("kertu kredit 4111 1111 1111 1111")).toEqual(["payment_card"]);
    expect(kinds("Ngishayele ku 082 123 4567")).toEqual(["phone"]);
    expect(kinds("ifowuni: 082 123 4567")).toEqual(["phone"]);
    expect(kinds("inombolo yesazisi: 8001015009087")).toEqual(["national_id"]);
    expect(kinds("ᱯᱷᱚᱱ ᱙᱘᱗᱖᱕ ᱔᱓᱒᱑᱐")).toEqual(["phone"]);
  });
});

describe("characters read out one at a time with a comma after each", () => {
  it("closes up a screen reader's or a dictation log's run", () => {
    expect(kinds("voiceover: card number, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, button")).toEqual(["payment_card"]);
    expect(kinds("dictated: j, o, dot, b, r, a, n, d, t, at, web, dot, de")).toEqual(["email"]);
  });

  it("leaves lists of words and short lists of numbers alone", () => {
    expect(normalisePiiText("pages 1, 2, 3, 14, 15, 16, 17")).toBe("pages 1, 2, 3, 14, 15, 16, 17");
    expect(normalisePiiText("red, green, blue, a, b, c, d, e, amber, teal, grey, black, white")).toBe("red, green, blue, a, b, c, d, e, amber, teal, grey, black, white");
    expect(kinds("options a, b, c, d, e, f, g")).toEqual([]);
  });
});

describe("'at the rate' read for '@'", () => {
  it("reads the Indian English phrase as a spoken '@', the longest phrase first", () => {
    expect(kinds("mail ravi dot k at the rate gmail dot com")).toEqual(["email"]);
    expect(kinds("email: meena underscore r at the rate of yahoo dot in")).toEqual(["email"]);
    expect(kinds("sold at the rate of 5 dot 2 percent")).toEqual([]);
  });
});

describe("click-to-chat links", () => {
  it("reads the path of a WhatsApp or Telegram link as a phone number", () => {
    expect(kinds("chat with us: https://wa.me/447700900123?text=hi")).toEqual(["phone"]);
    expect(kinds("t.me/+4915123456789")).toEqual(["phone"]);
  });

  it("leaves a share link without a number and other paths alone", () => {
    expect(kinds("https://wa.me/?text=see%20you")).toEqual([]);
    expect(kinds("https://shop.example/item/447700900123")).toEqual([]);
  });
});

describe("numbers that are shown, not anyone's", () => {
  it("reads a decimal fraction grouped in threes or fives as a number", () => {
    expect(kinds("√2 ≈ 1.41421 35623 73095 04880")).toEqual([]);
    expect(kinds("ln 2 = 0.693 147 180 559 945")).toEqual([]);
    expect(kinds("card 4111 1111 1111 1111")).toEqual(["payment_card"]);
  });

  it("reads a published specimen IBAN called an example as no one's, and the same value otherwise as someone's", () => {
    expect(kinds("The registry's example for Germany is DE89 3704 0044 0532 0130 00.")).toEqual([]);
    expect(kinds("pay to DE89 3704 0044 0532 0130 00 please")).toEqual(["iban"]);
    expect(kinds("test transfer to NL02 ABNA 0123 4567 89")).toEqual(["iban"]);
  });
});

describe("a domain's DNS answer", () => {
  it("reads a routable address a domain resolves to as the domain's host", () => {
    expect(kinds("bakery-example.de resolves to 93.184.216.34")).toEqual([]);
    expect(kinds("$ host mail.example.org\nmail.example.org has address 93.184.216.34")).toEqual([]);
  });

  it("still reads it as personal when the text ties it to someone, and any other routable address as personal", () => {
    expect(kinds("my home box home.example.de resolves to 93.184.216.34")).toEqual(["ip_address"]);
    expect(kinds("the request came from 93.184.216.34")).toEqual(["ip_address"]);
  });
});

describe("labels abbreviated with a dot after each capital", () => {
  it("reads 'T.C.' and 'S.S.N.' as the labels 'tc' and 'ssn'", () => {
    expect(kinds("T.C. 10000000146")).toEqual(["national_id"]);
    expect(kinds("S.S.N. 078-05-1120 on the form")).toEqual(["national_id"]);
  });

  it("leaves other abbreviations as words", () => {
    expect(kinds("U.S. 10000000146")).toEqual([]);
  });
});

describe("streams and the new one-letter number words", () => {
  const streamed = (chunks: string[]) => {
    const checker = new StreamTextChecker({ pii: { strategy: "redact" } });
    const released = chunks.map((chunk) => checker.push(chunk).text);
    return { released, whole: released.join("") + checker.finish().text };
  };

  it("does not hold the word before a capital 'I' (a letter, not Korean 'i')", () => {
    expect(streamed(["Sure, ", "I ", "can ", "help "]).released[1]).toBe("Sure, ");
  });

  it("redacts a number read out in Sino-Korean words as the whole-text check does", () => {
    const text = "call me: gong il chil sam sa o yuk pal gu il il, thanks";
    const { whole } = streamed(text.match(/\S+\s*/g) ?? []);
    expect(whole).toBe(scrubPii(text, { strategy: "redact" }).text);
    expect(whole).not.toContain("pal gu");
  });
});
