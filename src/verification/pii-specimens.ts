/**
 * Specimen IBANs: the examples the IBAN registry and ISO 13616 publish for each country, which documentation, tutorials
 * and validators print as "the example IBAN". One of them in a text that calls it an example or a test belongs to no
 * one, as a placeholder address at a reserved domain does (pii-placeholder-emails.ts); the same value with no such
 * word, or any other valid IBAN beside such a word, is still read as someone's.
 */

const specimenIbans = new Set(
  "GB82WEST12345698765432 GB29NWBK60161331926819 DE89370400440532013000 FR1420041010050500013M02606 NL91ABNA0417164300 BE68539007547034 CH9300762011623852957 AT611904300234573201 ES9121000418450200051332 IT60X0542811101000000123456 PL61109010140000071219812874 SE4550000000058398257466 DK5000400440116243 NO9386011117947 FI2112345600000785".split(" "),
);

/**
 * Words that say a value is shown, not used: an example, a sample, a test, a sandbox or a placeholder (English and
 * neighbours; "test" opens compounds: "Testkarte", "testmode"). They excuse only a published specimen: a caller can
 * write them before any number, but cannot make a live card or account one of the processors' published values.
 */
const documentationWord = /\b(?:examples?|samples?|specimen|dummy|placeholder|test\p{L}*|sandbox|docs|documentation|beispiel|muster|exemple|ejemplo|esempio|voorbeeld|prueba|prova|teste|essai)\b/iu;

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

/**
 * Test card numbers that payment processors publish for their sandboxes and integration guides (Visa 4111…, 4242…,
 * Mastercard 5555…4444, 2223 0031…, Amex 3782 822463 10005, Discover 6011 1111…, JCB, Diners, UnionPay; PayPal/Payflow,
 * Stripe, Braintree, Authorize.Net, Adyen's terminal test cards): charged to no one, and every one passes Luhn (a test
 * pins that). Such a number's form says nothing about an account, so it is never a card by its form alone: the words
 * decide, as for an unbroken run ("ticket 4111 1111 1111 1111" is a ticket; "card: 4111 …" is written as a card and
 * read as one). Beside a word calling it a test or an example (in the 80 characters before it or the 40 after, outside
 * an address: "ann@example.com" calls nothing an example) it is no one's whatever the words.
 */
const specimenCards = new Set(
  [
    // PayPal/Payflow's list, reprinted by most gateways.
    "378282246310005 371449635398431 378734493671000 30569309025904 38520000023237 6011111111111117 6011000990139424 3530111333300000 3566002020360505 5555555555554444 5105105105105100 4111111111111111 4012888888881881 4222222222222",
    // Older gateway lists (Authorize.Net, Worldpay, Cybersource and their reprints).
    "4007000000027 4012888818888 5424000000000015 5111111111111118 5454545454545454 5500000000000004 343434343434343 370000000000002 340000000000009 30000000000004 6011000000000004 6011000000000012 6011601160116611 3088000000000009 3088000000000017 38000000000006",
    // Stripe and Braintree.
    "4242424242424242 4000056655665556 5200828282828210 2223003122003222 2223000048400011 3056930009020004 36227206271667 6555900000604105 6200000000000005 6250941006528599 4005519200000004 4009348888881881 4012000033330026 4012000077777777 4217651111111119 4500600000000061",
    // Adyen's terminal test cards.
    "5413330089099999 5100060000000002 5520330000000001 4151500000000008",
  ].join(" ").split(" "),
);

/**
 * Whether a card number (any spacing) is one of the processors' published test cards.
 *
 * @example
 * publishedTestCard("4111 1111 1111 1111") // true
 * publishedTestCard("4539 1488 0343 6467") // false
 */
export function publishedTestCard(number: string): boolean {
  return specimenCards.has(number.replace(/\D/g, ""));
}

/** Every published test card, for tests that pin the list (each must pass Luhn). */
export const publishedTestCards: readonly string[] = [...specimenCards];

/**
 * Whether a card number (any spacing) is a processor's published test card in a text that calls it a test or an example.
 *
 * @example
 * specimenCard("test card 5555 5555 5555 4444", 10, 29) // true
 * specimenCard("my card 5555 5555 5555 4444", 8, 27) // false
 */
export function specimenCard(text: string, start: number, end: number): boolean {
  if (!publishedTestCard(text.slice(start, end))) return false;
  return documentationWord.test(text.slice(Math.max(0, start - 80), end + 40).replace(/\S+@\S+/g, " "));
}
