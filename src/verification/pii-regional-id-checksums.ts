/**
 * Check algorithms of national ids outside Europe's big tables: Singapore NRIC/FIN, Hong Kong HKID, Taiwan national
 * id, Thai citizen id, Uruguayan cédula, Icelandic kennitala, Austrian social insurance number. Each takes the id with
 * its separators removed (letters in upper case) and says whether its check character holds.
 */
import { plausibleDate } from "./pii-id-checksums.ts";

const digitsOf = (text: string) => [...text].map(Number);

/**
 * Singapore NRIC/FIN: S/T (citizens, before and after 2000), F/G (foreigners), M (foreigners since 2022), seven
 * digits weighted 2 7 6 5 4 3 2, and a check letter from the series' own table.
 *
 * @example
 * singaporeNricValid("S1234567D") // true
 */
export function singaporeNricValid(id: string): boolean {
  const match = /^([STFGM])(\d{7})([A-Z])$/.exec(id);
  if (match === null) return false;
  const [, series = "", digits = "", letter = ""] = match;
  const offset = series === "T" || series === "G" ? 4 : series === "M" ? 3 : 0;
  const sum = digitsOf(digits).reduce((total, digit, index) => total + digit * ([2, 7, 6, 5, 4, 3, 2][index] ?? 0), offset);
  const table = series === "S" || series === "T" ? "JZIHGFEDCBA" : series === "M" ? "XWUTRQPNJLK" : "XWUTRQPNMLK";
  return table[sum % 11] === letter;
}

/**
 * Hong Kong HKID: one or two letters, six digits, a check digit or "A" (mod 11; a single letter counts a space, 36,
 * before it). The check may stand in brackets: "A123456(3)".
 *
 * @example
 * hongKongIdValid("A1234563") // true
 */
export function hongKongIdValid(id: string): boolean {
  const match = /^([A-Z]{1,2})(\d{6})([\dA])$/.exec(id.replace(/[()]/g, ""));
  if (match === null) return false;
  const [, letters = "", digits = "", check = ""] = match;
  const values = [...letters.padStart(2, " ")].map((letter) => (letter === " " ? 36 : letter.charCodeAt(0) - 55));
  const sum = [...values, ...digitsOf(digits)].reduce((total, value, index) => total + value * (9 - index), 0);
  const expected = (11 - (sum % 11)) % 11;
  return check === (expected === 10 ? "A" : String(expected));
}

/** Taiwan's letter codes: the region's letter read as two digits (I, O, W, X, Y, Z out of order: added later). */
const taiwanLetters = "ABCDEFGHJKLMNPQRSTUVXYWZIO";

/**
 * Taiwan national id: a region letter, a sex digit (1, 2; 8, 9 on the new resident certificates), eight digits; the
 * letter's two digits and the nine weighted 1 9 8 7 6 5 4 3 2 1 1 sum to a multiple of ten.
 *
 * @example
 * taiwanIdValid("A123456789") // true
 */
export function taiwanIdValid(id: string): boolean {
  if (!/^[A-Z][1289]\d{8}$/.test(id)) return false;
  const code = taiwanLetters.indexOf(id[0] ?? "") + 10;
  const digits = [Math.floor(code / 10), code % 10, ...digitsOf(id.slice(1))];
  const sum = digits.reduce((total, digit, index) => total + digit * ([1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1][index] ?? 0), 0);
  return sum % 10 === 0;
}

/**
 * Thai citizen id: thirteen digits, the first (the holder's category) 1 to 8, the last (11 − Σ dᵢ·(13 − i) mod 11) mod 10.
 *
 * @example
 * thaiCitizenIdValid("1101700230708") // true
 */
export function thaiCitizenIdValid(id: string): boolean {
  if (!/^[1-8]\d{12}$/.test(id)) return false;
  const digits = digitsOf(id);
  const sum = digits.slice(0, 12).reduce((total, digit, index) => total + digit * (13 - index), 0);
  return (11 - (sum % 11)) % 10 === digits[12];
}

/**
 * Uruguayan cédula de identidad: up to seven digits (padded with zeros) weighted 2 9 8 7 6 3 4, and a check digit
 * that makes the sum a multiple of ten.
 *
 * @example
 * uruguayCedulaValid("12345672") // true
 */
export function uruguayCedulaValid(id: string): boolean {
  if (!/^\d{7,8}$/.test(id)) return false;
  const digits = digitsOf(id.padStart(8, "0"));
  const sum = digits.slice(0, 7).reduce((total, digit, index) => total + digit * ([2, 9, 8, 7, 6, 3, 4][index] ?? 0), 0);
  return (10 - (sum % 10)) % 10 === digits[7];
}

/**
 * Icelandic kennitala of a person: DDMMYY (a company's has its day plus 40: a legal entity's number, no personal
 * data, so not accepted here), two serial digits, a check digit (mod 11 over the first
 * eight, weights 3 2 7 6 5 4 3 2; a remainder that would need 10 is never issued), and the century (8, 9 or 0).
 *
 * @example
 * kennitalaValid("1201743399") // true
 */
export function kennitalaValid(id: string): boolean {
  if (!/^\d{10}$/.test(id)) return false;
  const digits = digitsOf(id);
  const day = Number(id.slice(0, 2));
  if (!plausibleDate(day, Number(id.slice(2, 4))) || !/[890]$/.test(id)) return false;
  const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * ([3, 2, 7, 6, 5, 4, 3, 2][index] ?? 0), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits[8];
}

/**
 * Austrian social insurance number (SV-Nummer): a three-digit serial, a check digit, and the holder's birth date
 * DDMMYY; the check is Σ of the other nine weighted 3 7 9 5 8 4 2 1 6, mod 11 (10 is never issued).
 *
 * @example
 * austrianSocialInsuranceValid("1237010180") // true
 */
export function austrianSocialInsuranceValid(id: string): boolean {
  if (!/^[1-9]\d{9}$/.test(id)) return false;
  const digits = digitsOf(id);
  if (!plausibleDate(Number(id.slice(4, 6)), Number(id.slice(6, 8)))) return false;
  const others = [...digits.slice(0, 3), ...digits.slice(4)];
  const sum = others.reduce((total, digit, index) => total + digit * ([3, 7, 9, 5, 8, 4, 2, 1, 6][index] ?? 0), 0);
  return sum % 11 === digits[3];
}
