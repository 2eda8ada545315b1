import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";
import { columnHeader } from "../../../src/verification/pii-columns.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("the column a value stands in", () => {
  it("names the header cell of the value's column, for commas, semicolons, tabs and pipes", () => {
    const csv = "name;phone;city\nMarta Nowak;+48 601-234-567;Kraków";
    expect(columnHeader(csv, csv.indexOf("+48"))).toBe("phone");
    const tsv = "id\tcard\texp\n7\t4111111111111111\t11/29";
    expect(columnHeader(tsv, tsv.indexOf("4111"))).toBe("card");
    const table = "name|dni|ciudad\nLucía|12345678Z|Sevilla\nPablo|87654321X|Cádiz";
    expect(columnHeader(table, table.indexOf("8765"))).toBe("dni");
  });

  it("has no header outside a table: a first line, rows of another shape, a header cell holding digits", () => {
    expect(columnHeader("a,b,0176 2345 6789", 4)).toBeUndefined();
    const ragged = "name,phone\nnote: see below\nAnn,0176 2345 6789";
    expect(columnHeader(ragged, ragged.indexOf("0176"))).toBeUndefined();
    const numbered = "2024,2025\n0176 2345 6789,1";
    expect(columnHeader(numbered, 10)).toBeUndefined();
  });

  it("lets the header label the value: an id or phone column is personal data, an order column is not", () => {
    expect(kinds("imie,nazwisko,pesel\nJan,Kowalski,58071905586")).toEqual(["national_id"]);
    expect(kinds("Name;Handy;Ort\nLena Vogt;0176 2345 6789;Berlin")).toEqual(["phone"]);
    expect(kinds("customer;order;total\nLena Vogt;0176 2345 6789;12,00")).toEqual([]);
  });

  it("reads a bounded stretch of a long line: a megabyte-long row costs no rescans", () => {
    const row = `name,phone\n${"x,".repeat(300_000)}0176 2345 6789`;
    const started = process.cpuUsage();
    for (let round = 0; round < 100; round += 1) columnHeader(row, row.length - 14);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});

describe("pipe tables whose rows open with a digit", () => {
  const kindsIn = (text: string) => detectPii(text).map((finding) => finding.kind);

  it("reads a row's column under its own header, the normaliser having dropped the row's opening '|'", () => {
    expect(kindsIn("| Artikel | Menge | Preis |\n|---|---|---|\n| 07154120 | 3 | 12,99 € |")).toEqual([]);
    expect(kindsIn("| pos | SSN |\n| 1 | 123-45-6789 |")).toEqual(["national_id"]);
    expect(kindsIn("| qty | Kundennummer |\n| 2 | 0176 2345 6789 |")).toEqual([]);
  });

  it("never joins a one-digit cell (a row number, a count) to the value beside it", () => {
    expect(kindsIn("| # | Telefon |\n|---|---|\n| 1 | 0176 2345 6789 |")).toEqual(["phone"]);
    expect(kindsIn("| id | card |\n|---|---|\n| 7 | 4111 1111 1111 1111 |")).toEqual(["payment_card"]);
  });

  it("reads a header that names one part of a split value as the value's name", () => {
    expect(kindsIn("| field | card part 1 | card part 2 |\n|---|---|---|\n| value | 4111 1111 | 1111 1111 |")).toEqual(["payment_card"]);
    expect(kindsIn("| Nr | Kartennummer (1) | Kartennummer (2) |\n| 1 | 5500 0000 | 0000 0004 |")).toEqual(["payment_card"]);
  });
});
