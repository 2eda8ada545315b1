/**
 * A label that names one country's id ("RRN", "CPR", "Aadhaar", "CUIL") says how many digits the value has. A number
 * of another length under it is something else the same letters name: "RRN 108903799144" in a card switch's log is a
 * retrieval reference number (twelve digits), not a Korean resident registration number (thirteen).
 */

/**
 * Digit counts of the ids whose label is their own name (lower case). Not CUIL/CUIT: read aloud, its last digit is often
 * a word the span leaves out ("CUIL 23 71499310 cero").
 */
const namedIdDigits: Record<string, readonly number[]> = {
  rrn: [13], cpr: [10], aadhaar: [12], pesel: [11], cpf: [11], amka: [11], cnp: [13], tckn: [11], ahv: [13],
};

/** The word right before a value, with only a colon, a hash, a dot, a dash or spaces between. */
const lastWord = /(\p{L}+)[\s:#.-]{0,4}$/u;

/**
 * Whether the label right before `start` names an id whose length the value's digits do not have.
 *
 * @example
 * lengthContradictsLabel("RRN 108903799144", 4, 16) // true
 * lengthContradictsLabel("RRN 900101-1234567", 4, 18) // false
 */
export function lengthContradictsLabel(text: string, start: number, end: number): boolean {
  const word = lastWord.exec(text.slice(Math.max(0, start - 24), start))?.[1]?.toLowerCase();
  const lengths = word === undefined ? undefined : namedIdDigits[word];
  if (lengths === undefined) return false;
  return !lengths.includes(text.slice(start, end).replace(/\D/g, "").length);
}
