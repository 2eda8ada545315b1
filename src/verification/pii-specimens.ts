/**
 * Specimen IBANs: the examples the IBAN registry and ISO 13616 publish for each country, which documentation, tutorials
 * and validators print as "the example IBAN". One of them in a text that calls it an example or a test belongs to no
 * one, as a placeholder address at a reserved domain does (pii-placeholder-emails.ts); the same value with no such
 * word, or any other valid IBAN beside such a word, is still read as someone's.
 */

const specimenIbans = new Set(
  "GB82WEST12345698765432 GB29NWBK60161331926819 DE89370400440532013000 FR1420041010050500013M02606 NL91ABNA0417164300 BE68539007547034 CH9300762011623852957 AT611904300234573201 ES9121000418450200051332 IT60X0542811101000000123456 PL61109010140000071219812874 SE4550000000058398257466 DK5000400440116243 NO9386011117947 FI2112345600000785".split(" "),
);

/** Words that say a value is shown, not used: an example, a sample, a test or a placeholder (English and neighbours). */
const documentationWord = /\b(?:examples?|samples?|specimen|dummy|placeholder|test|testing|docs|documentation|beispiel|muster|exemple|ejemplo|esempio|voorbeeld)\b/iu;

/**
 * Whether an IBAN (any spacing) is a published specimen in a text that calls it an example or a test.
 *
 * @example
 * specimenIban("GB82 WEST 1234 5698 7654 32", "the example IBAN GB82 WEST 1234 5698 7654 32") // true
 * specimenIban("GB82 WEST 1234 5698 7654 32", "my IBAN GB82 WEST 1234 5698 7654 32") // false
 */
export function specimenIban(iban: string, text: string): boolean {
  return specimenIbans.has(iban.replace(/[^A-Za-z0-9]/g, "").toUpperCase()) && documentationWord.test(text);
}
