import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("secrets", () => {
  it("finds provider keys, JWTs and values assigned to secret names", () => {
    expect(kinds("stripe: sk_test_4eC39HqLyjWDarjtT1zdp7dc")).toEqual(["secret"]);
    expect(kinds("auth eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhY21lIn0.c2lnbmF0dXJlLXZhbHVl")).toEqual(["secret"]);
    expect(kinds('{"db_password": "Tr0ub4dor&3x"}')).toEqual(["secret"]);
    expect(kinds("export DEPLOY_TOKEN=9a8b7c6d5e4f3a2b")).toEqual(["secret"]);
  });

  it("leaves prose about secrets alone", () => {
    expect(kinds("Your password must be at least 12 characters long.")).toEqual([]);
    expect(kinds("Rotate the API key every 90 days.")).toEqual([]);
  });
});

describe("secrets said in words", () => {
  it("reads 'my password is …' when the value looks like one", () => {
    expect(detectPii("my password is Tulip2026!x").map((finding) => finding.kind)).toEqual(["secret"]);
    expect(detectPii("my password is incorrect, help").map((finding) => finding.kind)).toEqual([]);
  });
});
