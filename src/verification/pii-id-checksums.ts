/**
 * Check digits of national identity numbers (the table in pii-national-ids.ts). Each takes the id's digits (and
 * check letter) with separators removed; a date inside an id is checked too, since a random number rarely holds one.
 */

const digitsOf = (text: string) => [...text].map(Number);
const weighted = (digits: readonly number[], weights: readonly number[]) => weights.reduce((sum, weight, index) => sum + weight * (digits[index] ?? 0), 0);

/** Whether day, month and two-digit year make a calendar date (day 29 of February is allowed: the century is unknown). */
export function plausibleDate(day: number, month: number): boolean {
  const lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= (lengths[month - 1] ?? 0);
}

/** Finnish henkilötunnus: DDMMYY, a century sign, three digits, and a check character (the nine digits mod 31). */
export function finnishHetuValid(id: string): boolean {
  const match = /^(\d{2})(\d{2})(\d{2})[-+A-FU-Y](\d{3})([0-9A-Y])$/.exec(id);
  if (match === null || !plausibleDate(Number(match[1]), Number(match[2]))) return false;
  return "0123456789ABCDEFHJKLMNPRSTUVWXY"[Number(`${match[1]}${match[2]}${match[3]}${match[4]}`) % 31] === match[5];
}

/** Belgian national number: YYMMDD, a serial of three, and 97 minus the nine digits mod 97 (with a "2" before them after 1999). */
export function belgianNationalNumberValid(id: string): boolean {
  if (!/^\d{11}$/.test(id) || Number(id.slice(2, 4)) > 12 || Number(id.slice(4, 6)) > 31) return false;
  const check = Number(id.slice(9));
  return 97 - (Number(id.slice(0, 9)) % 97) === check || 97 - (Number(`2${id.slice(0, 9)}`) % 97) === check;
}

/** Romanian CNP: sex and century digit, YYMMDD, county, serial, check digit (weights 279146358279, mod 11, 10 → 1). */
export function romanianCnpValid(id: string): boolean {
  if (!/^[1-9]\d{12}$/.test(id) || !plausibleDate(Number(id.slice(5, 7)), Number(id.slice(3, 5)))) return false;
  const rest = weighted(digitsOf(id), [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
  return (rest === 10 ? 1 : rest) === Number(id[12]);
}

/** Korean resident registration number: YYMMDD, a sex and century digit, five digits, check (weights 2–9, 2–5, mod 11). */
export function koreanRrnValid(id: string): boolean {
  if (!/^\d{6}[1-8]\d{6}$/.test(id) || !plausibleDate(Number(id.slice(4, 6)), Number(id.slice(2, 4)))) return false;
  return (11 - (weighted(digitsOf(id), [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11)) % 10 === Number(id[12]);
}

/** The EAN-13 check digit (weights 1 and 3 alternating), which the Swiss AHV number (756…) uses. */
export function ean13Valid(id: string): boolean {
  if (!/^\d{13}$/.test(id)) return false;
  return (10 - (weighted(digitsOf(id), [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]) % 10)) % 10 === Number(id[12]);
}

/** Norwegian fødselsnummer (and D- and H-numbers): DDMMYY, three digits, two mod-11 check digits. */
export function norwegianBirthNumberValid(id: string): boolean {
  if (!/^\d{11}$/.test(id)) return false;
  const day = Number(id.slice(0, 2)) % 40;
  const month = Number(id.slice(2, 4)) % 40;
  if (!plausibleDate(day, month)) return false;
  const digits = digitsOf(id);
  const check = (weights: number[]) => {
    const value = 11 - (weighted(digits, weights) % 11);
    return value === 11 ? 0 : value;
  };
  return check([3, 7, 6, 1, 8, 9, 4, 5, 2]) === digits[9] && check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === digits[10];
}

const verhoeffMultiply = ["0123456789", "1234067895", "2340178956", "3401289567", "4012395678", "5987604321", "6598710432", "7659821043", "8765932104", "9876543210"];
const verhoeffPermute = ["0123456789", "1576283094", "5803796142", "8916043527", "9453126870", "4286573901", "2793806415", "7046913258"];

/** Aadhaar: twelve digits, the first 2–9, with a Verhoeff check digit (catches every single-digit error and swap). */
export function aadhaarValid(id: string): boolean {
  if (!/^[2-9]\d{11}$/.test(id)) return false;
  let check = 0;
  [...id].reverse().forEach((digit, index) => {
    const permuted = Number(verhoeffPermute[index % 8]?.[Number(digit)]);
    check = Number(verhoeffMultiply[check]?.[permuted]);
  });
  return check === 0;
}

/** Chinese resident identity number: region, YYYYMMDD, serial, and an ISO 7064 MOD 11-2 check character (X for 10). */
export function chineseResidentIdValid(id: string): boolean {
  const match = /^[1-9]\d{5}(?:18|19|20)\d{2}(\d{2})(\d{2})\d{3}[\dX]$/.exec(id);
  if (match === null || !plausibleDate(Number(match[2]), Number(match[1]))) return false;
  const sum = weighted(digitsOf(id.slice(0, 17)), [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
  return "10X98765432"[sum % 11] === id[17];
}

/** The Luhn check over any number of digits (Greek AMKA and Swedish personnummer use it; cards need 13 or more). */
export function luhnDigitsValid(id: string): boolean {
  let sum = 0;
  [...id].reverse().forEach((char, index) => {
    let digit = Number(char);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  });
  return sum % 10 === 0;
}

/** Greek AMKA: the birth date DDMMYY, four digits, and a Luhn check digit. */
export function greekAmkaValid(id: string): boolean {
  return /^\d{11}$/.test(id) && plausibleDate(Number(id.slice(0, 2)), Number(id.slice(2, 4))) && luhnDigitsValid(id);
}

/** Swedish personnummer: (YY)YYMMDD, four digits, Luhn over the last ten (a coordination number adds 60 to the day). */
export function swedishPersonnummerValid(id: string): boolean {
  const ten = id.length === 12 ? id.slice(2) : id;
  if (!/^\d{10}$/.test(ten)) return false;
  return plausibleDate(Number(ten.slice(4, 6)) % 60, Number(ten.slice(2, 4))) && luhnDigitsValid(ten);
}

/** Danish CPR: DDMMYY and four digits. Numbers since 2007 have no check digit, so a date is all there is; mod 11 when it holds. */
export function danishCprValid(id: string): { date: boolean; checksum: boolean } {
  if (!/^\d{10}$/.test(id)) return { date: false, checksum: false };
  const date = plausibleDate(Number(id.slice(0, 2)), Number(id.slice(2, 4)));
  return { date, checksum: date && weighted(digitsOf(id), [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0 };
}

/** Portuguese NIF: nine digits, the first 1–3, 5, 6, 8 or 9, a mod-11 check digit (10 → 0). */
export function portugueseNifValid(id: string): boolean {
  if (!/^[1235689]\d{8}$/.test(id)) return false;
  const rest = 11 - (weighted(digitsOf(id), [9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  return (rest >= 10 ? 0 : rest) === Number(id[8]);
}

/** US ITIN: nine digits starting with 9, the middle pair 50–65, 70–88, 90–92 or 94–99 (no check digit). */
export function usItinValid(id: string): boolean {
  const middle = Number(id.slice(3, 5));
  return /^9\d{8}$/.test(id) && ((middle >= 50 && middle <= 65) || (middle >= 70 && middle <= 88) || (middle >= 90 && middle <= 92) || middle >= 94);
}

/**
 * Turkish identity number (T.C. kimlik no): eleven digits, no leading zero; the tenth is seven times the sum of the
 * odd places minus the sum of the even places (of the first nine), mod 10; the eleventh the first ten's sum mod 10.
 */
export function turkishIdValid(id: string): boolean {
  if (!/^[1-9]\d{10}$/.test(id)) return false;
  const digits = digitsOf(id);
  const odd = weighted(digits, [1, 0, 1, 0, 1, 0, 1, 0, 1]);
  const even = weighted(digits, [0, 1, 0, 1, 0, 1, 0, 1, 0]);
  return (((odd * 7 - even) % 10) + 10) % 10 === digits[9] && weighted(digits, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]) % 10 === digits[10];
}

/** UK NHS number (and Welsh GIG's, the same): ten digits, the tenth 11 minus the first nine weighted 10 to 2 mod 11 (11 → 0, 10 never). */
export function nhsNumberValid(id: string): boolean {
  if (!/^\d{10}$/.test(id)) return false;
  const check = 11 - (weighted(digitsOf(id), [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  return check !== 10 && check % 11 === Number(id[9]);
}

/**
 * Czech and Slovak birth number (rodné číslo) since 1954: YYMMDD (women's month plus 50, either plus 20 since 2004)
 * and four digits, the whole a multiple of eleven (or the first nine leave ten and the last is 0).
 */
export function czechBirthNumberValid(id: string): boolean {
  const month = Number(id.slice(2, 4)) % 50;
  if (!/^\d{10}$/.test(id) || !plausibleDate(Number(id.slice(4, 6)), month > 20 ? month - 20 : month)) return false;
  return Number(id) % 11 === 0 || (Number(id.slice(0, 9)) % 11 === 10 && id[9] === "0");
}

/**
 * South African identity number: YYMMDD, a four-digit serial, citizenship (0 or 1), a digit that was race and is now
 * 8 or 9, and a Luhn check digit.
 */
export function southAfricanIdValid(id: string): boolean {
  return /^\d{10}[01][89]\d$/.test(id) && plausibleDate(Number(id.slice(4, 6)), Number(id.slice(2, 4))) && luhnDigitsValid(id);
}

/**
 * Argentine CUIL/CUIT: a type prefix (20, 23, 24, 27 people; 30, 33, 34 companies), the DNI, and a mod-11 check digit
 * (weights 5432765432; 11 reads 0, 10 has no digit and the prefix changes instead).
 */
export function argentineCuilValid(id: string): boolean {
  if (!/^(?:20|23|24|27|30|33|34)\d{9}$/.test(id)) return false;
  const sum = [...id.slice(0, 10)].reduce((total, digit, index) => total + Number(digit) * (Number("5432765432"[index])), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(id[10]);
}
