import { regionalCardNetwork } from "./pii-card-networks.ts";

/** Checksums that tell real card, bank and id numbers from random digits. */

/** The Luhn checksum of payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** Issuer prefixes and lengths of the card networks: a Luhn-valid number with no issuer is not a card. */
export function cardIssuerValid(digits: string): boolean {
  const length = digits.length;
  if (regionalCardNetwork(digits) !== undefined) return true;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith("4")) return length === 13 || length === 16 || length === 19;
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return length === 16;
  if (two === 34 || two === 37) return length === 15;
  if (digits.startsWith("6011") || two === 65 || (four >= 6440 && four <= 6499) || two === 62) return length >= 16 && length <= 19;
  if (four >= 3528 && four <= 3589) return length >= 16 && length <= 19;
  // Maestro (5018, 5020, 5038, 5893, 6304, 6759, 6761–6763) and RuPay (60, 508).
  if (["5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763"].includes(digits.slice(0, 4))) return length >= 13 && length <= 19;
  if ((two === 60 || digits.startsWith("508")) && length === 16) return true;
  // Mir (Russia): 2200–2204.
  if (four >= 2200 && four <= 2204) return length >= 16 && length <= 19;
  if (two === 36 || two === 38 || two === 39 || (four >= 3000 && four <= 3059)) return length >= 14 && length <= 19;
  return false;
}

/** The ISO 13616 mod-97 check of an IBAN. */
export function ibanValid(raw: string): boolean {
  const iban = raw.replace(/[\s./_-]+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const char of rearranged) remainder = (remainder * 10 + Number(char)) % 97;
  return remainder === 1;
}

/** Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): the letter is the number mod 23. */
export function spanishIdValid(raw: string): boolean {
  const id = raw.replace(/[\s.-]/g, "").toUpperCase();
  const match = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(id);
  if (match === null) return false;
  const [, prefix = "", digits = "", letter] = match;
  if ((prefix === "" && digits.length !== 8) || (prefix !== "" && digits.length !== 7)) return false;
  const number = Number(`${prefix === "" ? "" : String("XYZ".indexOf(prefix))}${digits}`);
  return "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23] === letter;
}

/**
 * Irish PPS number: 7 digits, a check letter and an optional second letter (A, B, H or W). Weights 8 to 2 on the
 * digits, 9 on the second letter's place in the alphabet (W counts 0); the sum mod 23 is the check letter (0 is W).
 */
export function irishPpsValid(raw: string): boolean {
  const match = /^(\d{7})([A-W])([ABHW]?)$/.exec(raw.replace(/[\s.-]/g, "").toUpperCase());
  if (match === null) return false;
  const [, digits = "", check = "", second = ""] = match;
  let sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (8 - index), 0);
  if (second !== "" && second !== "W") sum += 9 * (second.charCodeAt(0) - 64);
  return "WABCDEFGHIJKLMNOPQRSTUV"[sum % 23] === check;
}

/** French NIR (social security number): 13 digits and a two-digit key, 97 minus the number mod 97. */
export function frenchNirValid(digits: string): boolean {
  if (!/^[12]\d{14}$/.test(digits)) return false;
  return 97 - (Number(BigInt(digits.slice(0, 13)) % 97n) ) === Number(digits.slice(13));
}

/** German tax id (Steuer-IdNr.): 11 digits, ISO 7064 MOD 11,10 check digit, no leading zero. */
export function germanTaxIdValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  let product = 10;
  for (let index = 0; index < 10; index += 1) {
    let sum = (Number(digits[index]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(digits[10]);
}

/** Dutch BSN: 9 digits, weights 9..2 and -1, sum divisible by 11 (the "elfproef"). */
export function dutchBsnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || digits === "000000000") return false;
  const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (index === 8 ? -1 : 9 - index), 0);
  return sum % 11 === 0;
}

/** Polish PESEL: 11 digits, weights 1 3 7 9 repeating, check digit (10 - sum mod 10) mod 10. */
export function polishPeselValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  const month = Number(digits.slice(2, 4)) % 20;
  const day = Number(digits.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && (10 - (sum % 10)) % 10 === Number(digits[10]);
}

/** Brazilian CPF: 11 digits, two mod-11 check digits, not all the same digit. */
export function brazilianCpfValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  const check = (length: number) => {
    const sum = [...digits.slice(0, length)].reduce((total, digit, index) => total + Number(digit) * (length + 1 - index), 0);
    return ((sum * 10) % 11) % 10;
  };
  return check(9) === Number(digits[9]) && check(10) === Number(digits[10]);
}

const fiscalOdd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** Italian codice fiscale: 16 characters, the last a check letter over odd and even positions. */
export function italianFiscalCodeValid(raw: string): boolean {
  const code = raw.toUpperCase();
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(code)) return false;
  let sum = 0;
  for (let index = 0; index < 15; index += 1) {
    const char = code[index] as string;
    const value = /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 65;
    sum += index % 2 === 0 ? (fiscalOdd[value] as number) : value;
  }
  return String.fromCharCode(65 + (sum % 26)) === code[15];
}
