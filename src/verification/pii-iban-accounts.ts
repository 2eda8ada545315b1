/**
 * Countries whose IBAN account part (the BBAN) is digits only, no bank code in letters (SWIFT IBAN registry). There, a
 * letter in the account is a look-alike digit misread ("DE52 O71B …"); elsewhere it may be the bank's own ("SM87 B935 …",
 * San Marino's CIN letter; "GB29 NWBK …").
 */
export const numericAccounts: ReadonlySet<string> = new Set(["AT", "BE", "CZ", "DE", "DK", "EE", "ES", "FI", "HR", "LT", "NO", "PL", "PT", "RS", "SE", "SI", "SK"]);
