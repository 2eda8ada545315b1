import { describe, expect, it } from "vitest";
import { detectPii } from "../../../src/verification/index.ts";
import { decodeByteArrays } from "../../../src/verification/pii-byte-arrays.ts";
import type { NormalisedText } from "../../../src/verification/pii-normalised-text.ts";

const text = (value: string): NormalisedText => ({ text: value, starts: [...value].map((_, index) => index), ends: [...value].map((_, index) => index + 1), spelled: [] });
const kinds = (value: string) => detectPii(value).map((finding) => finding.kind);

describe("values logged as their bytes", () => {
  it("reads a list of printable bytes, with commas or spaces, as its text", () => {
    expect(decodeByteArrays(text("MESSAGE=[97,110,110,64,101,120,46,111,114,103]")).text).toBe("MESSAGE=ann@ex.org");
    expect(decodeByteArrays(text("[97 110 110 64 101 120 46 111 114 103]")).text).toBe("ann@ex.org");
  });

  it("ends the text at the first byte that is not printable ASCII, and leaves short or out-of-range lists alone", () => {
    expect(decodeByteArrays(text("bytes: [52, 53, 51, 57, 49, 52, 56, 56, 255]")).text).toBe("bytes: 45391488");
    expect(decodeByteArrays(text("[52, 53, 51, 57, 255, 52, 56, 56, 49]")).text).toBe("[52, 53, 51, 57, 255, 52, 56, 56, 49]");
    expect(decodeByteArrays(text("[97, 110, 110, 64, 101, 120, 46, 999]")).text).toBe("[97, 110, 110, 64, 101, 120, 46, 999]");
    expect(decodeByteArrays(text("scores [12, 45, 67]")).text).toBe("scores [12, 45, 67]");
  });

  it("finds a phone and an address hidden that way in a journald record", () => {
    expect(kinds('{"_COMM":"smsd","MESSAGE":[43,52,52,32,55,55,48,48,32,57,56,51,32,52,49,50]}')).toEqual(["phone"]);
    expect(kinds('{"MESSAGE":[97,110,110,46,108,101,101,64,109,97,105,108,46,101,120,97,109,112,108,101,46,100,101]}')).toEqual(["email"]);
  });
});

describe("base64 padding at a line's end", () => {
  it("is not read as a quoted-printable soft break: an LDIF value and a Basic credential decode whole", () => {
    expect(kinds("dn: uid=jb,ou=people\nmail:: am8uYmVyZzc3QHBvc3Rlby5kZQ==\nemployeeType: staff")).toEqual(["email"]);
    expect(kinds("GET / HTTP/1.1\nAuthorization: Basic YW5uLmxlZUBwb3N0ZW8uZGU6U29tbWVyMjAyNQ==\nAccept: */*")).toEqual(["email"]);
  });
});
