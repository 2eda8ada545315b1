/**
 * Values written backwards to slip past a filter ("moc.liamg@nna", "1364 6809 5251 8327"), which people announce
 * ("al revés", "achterstevoren", "backwards"). When a text says so, the detectors read it a second time with every
 * address-shaped and digit run turned round in place; the words around the runs keep their order, so a label
 * before a number still labels it.
 */
import type { NormalisedText } from "./pii-normalised-text.ts";

/** Words that say a value is written backwards or in reverse order, in the languages of the corpora and more. */
export const reversalCue = new RegExp(
  [
    String.raw`<backwards?>|<revers(?:ed?|al|ing)?>|<in reverse>|<right[- ]to[- ]left>|<mirrored>`,
    String.raw`rückwärts|<umgekehrt|verkehrt ?herum|<anders ?rum>`,
    String.raw`à l'envers|a l'envers|<invers[ée]e?s?>|de droite à gauche`,
    String.raw`al rev[ée]s|del rev[ée]s|<invertid[oa]s?>|<al contrario>|de atr[áa]s (?:para|hacia) adelante|<ao contr[áa]rio>|de tr[áa]s para (?:a )?frente|[àa]s avessas`,
    String.raw`al rovescio|<invertit[oa]>|all'indietro|<rovesciat[oa]>`,
    String.raw`achterstevoren|<omgekeerd|<andersom>|<achteruit>`,
    String.raw`<odwrotnie>|od tyłu|<wspak>|na odwrót`,
    String.raw`baklänges|baglæns|baklengs|<omvän|<omvendt|takaperin|väärinpäin|pozpátku|obráceně|odzadu|visszafelé|fordítva|<invers>|<tersten>|<tersine>`,
    String.raw`наоборот|навпаки|наобратно|задом[- ]наперё?е?д|отзад[- ]напред|в обратном порядке|обратн|ανάποδα|αντίστροφα`,
    String.raw`逆順|逆さ|逆から|反対から|倒着|反过来|反過來|倒序|反着|거꾸로|반대로|بالعكس|معكوس|הפוך|מהסוף|उल्टा|उलटा|<terbalik>|<dibalik>|ngược|กลับหลัง|<kinyume>|<pabaliktad>`,
  ]
    .join("|")
    // "<" and ">": a word starts or ends there (a letter of any script does not stand before or after it).
    .replace(/</g, String.raw`(?<!\p{L})`)
    .replace(/>/g, String.raw`(?!\p{L})`),
  "iu",
);

/** An address-shaped run ("ten.etsopal@irom_ijnek") or a run of digits with separators ("629406 0077 44+"). */
const runs = /[\p{L}\d._%+-]+@[\p{L}\d._-]+|\+?\d(?:[\d .\/-]*\d)?\+?/gu;

/**
 * The text with every address-shaped run and every digit run of seven digits or more turned round in place; each
 * character keeps its map back to the original character it came from.
 *
 * @example
 * readReversed(text("card: 4631 9086")).text // "card: 6809 1364"
 */
export function readReversed(input: NormalisedText): NormalisedText {
  const characters = [...input.text.split("")];
  const starts = [...input.starts];
  const ends = [...input.ends];
  for (const match of input.text.matchAll(runs)) {
    const run = match[0];
    if (!run.includes("@") && run.replace(/\D/g, "").length < 7) continue;
    // Turned round by UTF-16 unit: the runs are letters, digits and separators, and a surrogate pair is neither
    // of the first two in the normalised text's digits; a rare astral letter in an address is read as two units.
    for (let offset = 0; offset < run.length; offset += 1) {
      const from = match.index + run.length - 1 - offset;
      characters[match.index + offset] = input.text[from] ?? "";
      starts[match.index + offset] = input.starts[from] as number;
      ends[match.index + offset] = input.ends[from] as number;
    }
  }
  return { text: characters.join(""), starts, ends, spelled: input.spelled };
}
