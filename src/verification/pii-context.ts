/**
 * Context rules: the words just before a number say what it is. "Order 0176 1234 5678" is an order number and
 * "call 0176 1234 5678" a phone, though the digits are the same; the nearest label wins.
 */

import { fieldKeyBefore } from "./pii-columns.ts";
import { matchesOf } from "./pii-matches.ts";

/** What a label in front of a number says the number is. */
export type LabelKind = "identifier" | "version" | "phone" | "card" | "iban" | "national_id" | "ip" | "email";

/** Labels in English, German, French and Spanish. Longest alternatives first so "order number" beats "order". */
const labels: Array<[LabelKind, string]> = [
  [
    "identifier",
    String.raw`order(?:\s*(?:nos?|numbers?|ids?))?|meeting(?:\s*id)?|conference(?:\s*id)?|passcode|pin|code|zoom|invoice(?:\s*(?:nos?|numbers?))?|ticket|(?<!in\s)case|ref(?:erence)?|tracking(?:\s*(?:nos?|numbers?|codes?))?|parcel|shipment|part(?:\s*(?:nos?|numbers?))?|p\/n|sku|serial(?:\s*(?:nos?|numbers?))?|s\/n|model|item|article|product|po|purchase\s+order|booking|confirmation|transaction(?:\s*id)?|customer\s*(?:no|number|id)|account\s*(?:no|number|id)|member(?:ship)?\s*(?:no|number|id)|batch|lot|issue|bug|pr|build|isbn|ean|upc|bestell(?:ung|nummer)?|auftrag(?:snummer)?|rechnung(?:snummer)?|artikel(?:nummer)?|teile(?:nummer)?|kunden(?:nummer)?|vorgang(?:snummer)?|sendung(?:snummer)?|aktenzeichen|commande|facture|dossier|r[ée]f[ée]rence|r[ée]f|colis|article|pedido|factura|referencia|pieza|n[uú]mero\s+de\s+(?:pedido|factura|seguimiento|serie)|env[ií]o|expediente|ordine|fattura|spedizione|pacco|lotto|encomenda|fatura|pedido|bestelling|factuur|zending|pakket|ordernummer|bestelnummer|sections?|sec|chapters?|kapitel|abschnitt|chapitre|cap[íi]tulo|capitolo|sezione|paragraph|clause|§|figure|fig|tables?|tabelle|seite|steps?|rules?|zam[óo]wieni[ae]|faktur[ay]|przesy[łl]k[ai]|sipari[şs]|fatura|takip|注文番号|注文|請求書|追跡番号|订单号?|发票|快递单号|رقم\s+الطلب|الطلب|فاتورة|ऑर्डर|n[°º]|nr|no|#`,
  ],
  ["version", String.raw`v|ver|version|versi[oó]n|release|firmware|fw|sdk|api|build|kernel|patch|update|upgrade|chrome|node|python|ios|android|windows`],
  [
    "phone",
    String.raw`my\s+(?:phone\s+|cell\s+|mobile\s+)?number|mein[e]?\s+(?:telefon)?nummer|mon\s+num[ée]ro|mi\s+n[uú]mero|(?:il\s+)?mio\s+numero|m[óo]j\s+numer|meu\s+n[úu]mero|phone|tel|telephone|call|ring|text|txt|msg|sms|whatsapp|mobile|cell|fax|reach\s+me|contact\s+me|hotline|telefon(?:nummer)?|handy|mobil(?:nummer)?|anrufen|ruf|t[ée]l[ée]phone|t[ée]l|portable|appelez|appeler|appelle(?:z|r)?(?:-moi)?|joindre|num[ée]ro\s+de\s+t[ée]l[ée]phone|tel[ée]fono|m[óo]vil|celular|ll[aá]ma(?:r|me)?|n[uú]mero\s+de\s+tel[ée]fono|il\s+mio\s+numero|cellulare|chiama(?:mi)?|telefone|telem[óo]vel|ligue|liga(?:-me)?|meu\s+n[úu]mero|mijn\s+(?:telefoon)?nummer|telefoon(?:nummer)?|mobiel(?:\s+nummer)?|bel(?:\s+me)?|bellen|zadzwo[ńn]|telefonu|kom[óo]rk[ai]|ara(?:y[ıi]n)?|cep|numaram|erreichbar|joignable|contactar|電話(?:番号)?|携帯|电话|手机|फ़ोन|फोन|मोबाइल|मोबाईल|हाथ|هاتف|هاتفي|جوال|جوالي|موبايل|تلفون|رقم\s+جوالي|رقم\s+الهاتف`,
  ],
  ["card", String.raw`card|credit\s+card|debit\s+card|visa|mastercard|amex|cc|karte|kreditkarte|kartennummer|carte(?:\s+bancaire|\s+de\s+cr[ée]dit)?|cb|tarjeta(?:\s+de\s+cr[ée]dito)?|cart[ãa]o|carta(?:\s+di\s+credito)?|kaart|creditcard|kort(?:nummer)?|karta|kart[ıi]|kredi\s+kart[ıi]|карта|карты|карту|картой|カード|卡号|银行卡`],
  ["iban", String.raw`iban|bank\s+account|konto|bankverbindung|rib|cuenta|conto|conta|rekening(?:nummer)?`],
  ["national_id", String.raw`ssn|social\s+security(?:\s+(?:number|no|nr))?|codice\s+fiscale|bsn|burgerservicenummer|cpf|national\s+insurance|nino|ni\s+number|tax\s+id|steuer-?id|sozialversicherungsnummer|personalausweis|num[ée]ro\s+de\s+s[ée]curit[ée]\s+sociale|nir|insee|dni|nie|nif|documento|pesel|s[ée]cu|s[ée]curit[ée]\s+sociale|(?:steuer)?identifikationsnummer|personnummer|sofinummer|kimlik(?:\s+no)?|ת[."״']\s?ז\.?`],
  ["ip", String.raw`ip|ip\s+address|ipv4|ipv6|host|server|adresse\s+ip|direcci[oó]n\s+ip|from`],
  ["email", String.raw`e-?mail|mail|email\s+address|write\s+(?:to|me)|courriel|correo(?:\s+electr[oó]nico)?|adresse\s+e-?mail|contact`],
  // Tried last: any other compound of "number" ("Gerätenummer", "Zählernummer", "ordrenummer") or of "stand", a
  // reading ("Zählerstand", "Kilometerstand"), names an identifier or a measurement. Stems of the kinds above
  // (Telefon-, Handy-, Konto-, Karten-, Steuer-, …) are left to their own labels.
  [
    "identifier",
    String.raw`(?!\p{L}*(?:tele?f|telep|fon|phon|handy|mobil|ruf|fax|konto|rekening|kart|kaart|kort|steuer|sozial|versicherung|ausweis|identif|burger|personn|sofi|iban|pass))\p{L}{2,}(?:nummer|nummern|stand)|readings?|odometer|balance|ordem(?:\s+de\s+servi[çc]o)?|orden|ordre|protocolo|chamado|n[úu]mero\s+de\s+s[ée]rie`,
  ],
];

/** Markers that only say "a number follows": after a kind's label ("card #", "phone no.") the kind decides. */
const numberMarker = /^(?:#|nos?|nr|n[°º]|numbers?|nummer|numer|num[ée]ro|n[uú]mero|numero)$/iu;

const spacedLetter = String.raw`\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}`;
/** Words end at anything but a letter of a spaced script or a digit: CJK labels stand right next to other characters. */
/**
 * Every label starts with a letter, "#" or "§" after no letter or digit: that test comes first, once, so the long
 * alternation is tried only where a word starts (tried at every position it cost ~40 µs per number, seconds for a
 * megabyte of numbers).
 */
const labelPattern = new RegExp(`(?<![${spacedLetter}\\d])(?=[\\p{L}#§])(?:${labels.map(([, words], index) => `(?<l${index}>(?:${words})(?![${spacedLetter}]))`).join("|")})`, "giu");

/** How far back (characters) a label still describes the number after it: counted from the label's end. */
const window = 28;
/** Longest label the window has to hold whole ("Steueridentifikationsnummer", "numéro de sécurité sociale"). */
const longestLabel = 32;

/**
 * Short words may stand between a label and its number: "call me at", "Ruf mich an unter", "नंबर" (marks
 * included), and short codes with a letter ("Colis n° 8R 003 456 789 12").
 */
const filler = /^[\s:#.=,()\-*`"'|{}[\]>~]*(?:(?=[\p{L}\p{M}\d]*[\p{L}])[\p{L}\p{M}\d]{1,8}[\s:#.=,()\-*`"'|{}[\]>~]*){0,3}$/u;

/**
 * Earlier items of a list the label heads ("Part numbers 078-05-1120 and 078-05-1121"): the label reaches the
 * later ones too. Each item is a number followed by a comma or a conjunction.
 */
const listItems = /(?:(?<![\p{L}\d])\p{L}{0,3}\d[\d .\/-]*\p{L}{0,3}\s*(?:,|&|\s(?:and|or|und|oder|et|ou|y|o|e|en|of)\s)\s*)+$/iu;

/**
 * The kind of the label nearest before `start` (within a short window and in the same clause), if any.
 *
 * @example
 * labelBefore("Order no. 0176 1234 5678", 10) // "identifier"
 */
export function labelBefore(text: string, start: number): LabelKind | undefined {
  // A `key=value` field's key alone labels its value: the words before it are other fields (pii-columns.ts).
  const key = fieldKeyBefore(text, start);
  // The window is counted back from the first item of a list ending at the number.
  const before = key !== undefined ? key.name : text.slice(Math.max(0, start - 4 * window), start).replace(listItems, " ");
  // A label does not reach across a sentence end or a line break: "Order shipped. Call 0176 ...".
  // Abbreviations ("no.", "Nr.", "tel.", "réf.") end with a dot but not a sentence.
  // A key in code or JSON is a label too: "customerPhone", "order_id" read as "customer Phone", "order id".
  const words = before.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2").replace(/_/g, " ");
  // The slice holds a long label whole; the distance that counts is from the label's end to the number, so a
  // German compound ("Steueridentifikationsnummer lautet 660…") reaches as far as a short word does.
  const clause = words.slice(-(window + longestLabel)).split(/(?<!(?<![\p{L}])(?:no|nr|ref|réf|tel|tél|inv|art|núm|num|ת\.ז))[.!?;]\s|\n/iu).at(-1) ?? "";
  let nearest: { kind: LabelKind; end: number } | undefined;
  for (const match of matchesOf(labelPattern, clause)) {
    const kind = labels.find((_, index) => match.groups?.[`l${index}`] !== undefined)?.[0];
    const end = match.index + match[0].length;
    if (kind === undefined || (nearest !== undefined && end < nearest.end)) continue;
    // A bare "no" labels a number only right before it ("No. 4711", "no: 4711"); with words between it is the word
    // "no" ("no wait, full number: 4187 …").
    if (/^no$/i.test(match[0]) && /\p{L}/u.test(clause.slice(end))) continue;
    // A purchase order is written "PO"; a lower-case "po" is Tagalog's particle of respect ("Ito po number ko …").
    if (/^po$/i.test(match[0]) && match[0] !== "PO") continue;
    // "card #", "phone no.": a bare number marker right after a kind's label keeps that kind.
    const marker = kind === "identifier" && numberMarker.test(match[0]) && nearest !== undefined && nearest.kind !== "identifier" && /^[\s.:]{0,3}$/.test(clause.slice(nearest.end, match.index));
    nearest = { kind: marker && nearest !== undefined ? nearest.kind : kind, end };
  }
  if (nearest === undefined || clause.length - nearest.end > window - 4) return undefined;
  // Anything longer than short filler between label and number means the label belongs to something else.
  return filler.test(clause.slice(nearest.end)) ? nearest.kind : undefined;
}
