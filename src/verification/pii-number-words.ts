/**
 * Number words people use to spell personal data out: digits, teens, tens and hundreds in English, German,
 * French, Spanish, Italian, Portuguese, Dutch, Polish and Turkish, digit words in some forty more languages and
 * scripts, and the words read aloud for "@" and ".".
 * One list, used by the normaliser (to read them) and the stream checker (to hold them back).
 */

/** Words for a single digit ("oh" for zero, as people read phone numbers). */
const digits: Record<string, string> = {
  zero: "0", oh: "0", nought: "0", naught: "0", null: "0", "zéro": "0", cero: "0", nul: "0", "sıfır": "0",
  one: "1", eins: "1", un: "1", une: "1", uno: "1", "één": "1", jeden: "1", jedna: "1",
  two: "2", zwei: "2", zwo: "2", deux: "2", dos: "2", dois: "2", duas: "2", twee: "2", dwa: "2", dwie: "2", iki: "2",
  three: "3", drei: "3", trois: "3", tres: "3", tre: "3", "três": "3", drie: "3", trzy: "3", "üç": "3",
  four: "4", vier: "4", quatre: "4", cuatro: "4", quattro: "4", quatro: "4", cztery: "4", "dört": "4",
  five: "5", "fünf": "5", fuenf: "5", cinq: "5", cinco: "5", cinque: "5", vijf: "5", "pięć": "5", "beş": "5",
  six: "6", sechs: "6", seis: "6", zes: "6", "sześć": "6", "altı": "6",
  seven: "7", sieben: "7", sept: "7", siete: "7", sette: "7", sete: "7", zeven: "7", siedem: "7", yedi: "7",
  eight: "8", acht: "8", huit: "8", ocho: "8", oito: "8", osiem: "8", sekiz: "8",
  nine: "9", niner: "9", neun: "9", neuf: "9", nueve: "9", nove: "9", negen: "9", "dziewięć": "9", dokuz: "9",
  // Swedish, Danish and Norwegian; Russian and Ukrainian.
  noll: "0", ett: "1", "två": "2", fyra: "4", seks: "6", sju: "7", syv: "7", "åtta": "8", "åtte": "8", otte: "8", nio: "9",
  "ноль": "0", "нуль": "0", "один": "1", "одна": "1", "два": "2", "две": "2", "три": "3", "четыре": "4", "пять": "5", "шесть": "6", "семь": "7", "восемь": "8", "девять": "9",
  "дві": "2", "чотири": "4", "шість": "6", "сім": "7", "вісім": "8",
  // Czech, Hungarian, Finnish, Romanian.
  nula: "0", dva: "2", "tři": "3", "čtyři": "4", "pět": "5", "šest": "6", sedm: "7", osm: "8", "devět": "9",
  nulla: "0", "kettő": "2", "három": "3", "négy": "4", "öt": "5", nyolc: "8", kilenc: "9",
  nolla: "0", yksi: "1", kaksi: "2", kolme: "3", "neljä": "4", viisi: "5", kuusi: "6", "seitsemän": "7", kahdeksan: "8", "yhdeksän": "9",
  unu: "1", trei: "3", patru: "4", cinci: "5", "șase": "6", "şase": "6", "șapte": "7", "şapte": "7",
  // Bulgarian, Serbian (Cyrillic and Latin), Croatian, Slovak, Slovene; Lithuanian, Latvian, Estonian.
  "нула": "0", "едно": "1", "един": "1", "една": "1", "четири": "4", "пет": "5", "шест": "6", "седем": "7", "осем": "8", "девет": "9",
  "један": "1", "једна": "1", "седам": "7", "осам": "8",
  jedan: "1", "četiri": "4", sedam: "7", osam: "8", devet: "9", "štyri": "4", "päť": "5", "šesť": "6", sedem: "7", osem: "8", "deväť": "9", dve: "2", "štiri": "4",
  nulis: "0", vienas: "1", trys: "3", keturi: "4", penki: "5", "šeši": "6", septyni: "7", "aštuoni": "8", devyni: "9",
  nulle: "0", viens: "1", divi: "2", "trīs": "3", "četri": "4", pieci: "5", "seši": "6", "septiņi": "7", "astoņi": "8", "deviņi": "9",
  "üks": "1", kaks: "2", kolm: "3", neli: "4", viis: "5", kuus: "6", seitse: "7", kaheksa: "8", "üheksa": "9",
  // Indonesian and Malay, Swahili, Tagalog.
  nol: "0", satu: "1", dua: "2", tiga: "3", empat: "4", enam: "6", tujuh: "7", delapan: "8", lapan: "8", sembilan: "9",
  sifuri: "0", mbili: "2", tatu: "3", nne: "4", tano: "5", nane: "8", tisa: "9", sero: "0", dalawa: "2", tatlo: "3", pito: "7", walo: "8", siyam: "9",
  // Hindi and Urdu written in Latin letters, as people type them in chat (the words that are English too are weak).
  shunya: "0", shoonya: "0", sunya: "0", paanch: "5", panch: "5", chhah: "6", chhe: "6", chheh: "6", aath: "8", aanth: "8",
  // Vietnamese (the common words among them are weak, below).
  "bốn": "4", "sáu": "6", "bảy": "7", "bẩy": "7", "tám": "8", "chín": "9",
  // Greek.
  "μηδέν": "0", "μηδεν": "0", "ένας": "1", "δύο": "2", "δυο": "2", "τρία": "3", "τρια": "3", "τρεις": "3", "τέσσερα": "4", "τέσσερις": "4", "τεσσερα": "4", "πέντε": "5", "πεντε": "5", "έξι": "6", "εξι": "6", "επτά": "7", "εφτά": "7", "επτα": "7", "οκτώ": "8", "οχτώ": "8", "οκτω": "8", "εννέα": "9", "εννιά": "9", "εννεα": "9",
  // Hindi, Bengali, Thai.
  "शून्य": "0", "तीन": "3", "चार": "4", "पाँच": "5", "पांच": "5", "छह": "6", "छः": "6", "सात": "7", "आठ": "8", "नौ": "9",
  "শূন্য": "0", "দুই": "2", "তিন": "3", "চার": "4", "পাঁচ": "5", "ছয়": "6", "সাত": "7", "আট": "8",
  "ศูนย์": "0", "หนึ่ง": "1", "สอง": "2", "สาม": "3", "สี่": "4", "ห้า": "5", "หก": "6", "เจ็ด": "7", "แปด": "8", "เก้า": "9",
  // Hebrew, Arabic, Persian.
  "אפס": "0", "אחת": "1", "אחד": "1", "שתיים": "2", "שתים": "2", "שניים": "2", "שלוש": "3", "שלושה": "3", "ארבע": "4", "ארבעה": "4", "חמש": "5", "חמישה": "5", "שש": "6", "שישה": "6", "שבע": "7", "שבעה": "7", "שמונה": "8", "תשע": "9", "תשעה": "9",
  "صفر": "0", "واحد": "1", "اثنان": "2", "اثنين": "2", "ثلاثة": "3", "أربعة": "4", "اربعة": "4", "خمسة": "5", "ستة": "6", "سبعة": "7", "ثمانية": "8", "تسعة": "9",
  "یک": "1", "سه": "3", "چهار": "4", "پنج": "5", "شش": "6", "هفت": "7", "هشت": "8",
  // Icelandic, Albanian, Catalan and Galician, Afrikaans, Welsh, Basque, Irish.
  "núll": "0", einn: "1", tveir: "2", "þrír": "3", "fjórir": "4", fimm: "5", "sjö": "7", "átta": "8", "níu": "9",
  "një": "1", "katër": "4", "pesë": "5", "gjashtë": "6", "shtatë": "7", "tetë": "8", "nëntë": "9",
  cinc: "5", vuit: "8", dous: "2", catro: "4", vyf: "5", sewe: "7", agt: "8", nege: "9",
  dau: "2", pedwar: "4", chwech: "6", saith: "7", wyth: "8", naw: "9", hiru: "3", bost: "5", zazpi: "7", zortzi: "8", bederatzi: "9",
  "náid": "0", "trí": "3", ceathair: "4", "cúig": "5", seacht: "7", ocht: "8", naoi: "9",
  // Irish counting forms after the particle "a": an h before a vowel ("a haon", "a hocht"; pii-spelled-numbers.ts
  // reads the particle between numerals).
  haon: "1", hocht: "8",
  // Esperanto (ŭ as written, and as the normaliser leaves it with the breve dropped; "ok", "sep" are weak below).
  kvar: "4", kvin: "5", "naŭ": "9",
  // Yoruba (with its under-dotted vowels, as NFC writes them; the words that mean something else too are weak, below).
  "mẹta": "3", "mẹrin": "4", "mẹfa": "6", meje: "7", "mẹjọ": "8", "mẹsan": "9", meji: "2",
  // Ukrainian with its apostrophe; Tamil; Urdu.
  "п'ять": "5", "п’ять": "5", "дев'ять": "9", "дев’ять": "9",
  "பூஜ்யம்": "0", "ஒன்று": "1", "இரண்டு": "2", "மூன்று": "3", "நான்கு": "4", "ஐந்து": "5", "ஆறு": "6", "ஏழு": "7", "எட்டு": "8", "ஒன்பது": "9",
  "ایک": "1", "تین": "3", "پانچ": "5", "چھ": "6", "سات": "7", "آٹھ": "8",
  // Japanese read in kana (the one-kana readings, which are particles too, are weak below).
  "ぜろ": "0", "ゼロ": "0", "れい": "0", "レイ": "0", "いち": "1", "イチ": "1", "さん": "3", "サン": "3", "よん": "4", "ヨン": "4", "ろく": "6", "ロク": "6",
  "なな": "7", "ナナ": "7", "しち": "7", "シチ": "7", "はち": "8", "ハチ": "8", "きゅう": "9", "キュウ": "9",
  // Somali, Hausa, Māori; Uzbek; Javanese and Cebuano; Maltese, Luxembourgish, Faroese; Macedonian and Belarusian.
  eber: "0", saddex: "3", toddoba: "7", siddeed: "8", sagaal: "9",
  sifiri: "0", biyu: "2", hudu: "4", biyar: "5", shida: "6", bakwai: "7", takwas: "8",
  "whā": "4", wha: "4", whitu: "7", waru: "8",
  ikki: "2", "to'rt": "4", olti: "6", yetti: "7", sakkiz: "8", "to'qqiz": "9", toqqiz: "9",
  siji: "1", telu: "3", papat: "4", wolu: "8", duha: "2", tulo: "3", upat: "4", unom: "6",
  xejn: "0", "wieħed": "1", tnejn: "2", tlieta: "3", "erbgħa": "4", "ħamsa": "5", sitta: "6", "sebgħa": "7", tmienja: "8", "disgħa": "9",
  eent: "1", zwee: "2", "dräi": "3", "véier": "4", "fënnef": "5", siwen: "7", aacht: "8", "néng": "9",
  "trý": "3", "fýra": "4", sjey: "7", "níggju": "9", tvey: "2", "tríggir": "3",
  "еден": "1", "седум": "7", "осум": "8", "адзін": "1", "тры": "3", "чатыры": "4", "пяць": "5", "шэсць": "6", "сем": "7", "восем": "8", "дзевяць": "9",
  // Japanese and Korean (Sino-Korean) read in Latin letters; Zulu.
  ichi: "1", yon: "4", roku: "6", shichi: "7", hachi: "8", kyuu: "9", kyu: "9", chil: "7", yeong: "0",
  iqanda: "0", kubili: "2", kuthathu: "3", kuhlanu: "5", isithupha: "6", isikhombisa: "7", isishiyagalombili: "8", isishiyagalolunye: "9",
};

/**
 * Digit words that are also common words elsewhere ("due" in English, "een" and "um" articles, "sei", "otto",
 * Turkish "bir" for "a"): digits only next to another number word ("tre due sette", "een twee drie").
 */
const weakDigits: Record<string, string> = {
  due: "2", een: "1", um: "1", sei: "6", otto: "8", bir: "1", fem: "5", sex: "6", fire: "4", ni: "9",
  egy: "1", hat: "6", "hét": "7", doi: "2", opt: "8", "nouă": "9", lima: "5", moja: "1", sita: "6", saba: "7", isa: "1", apat: "4", anim: "6",
  pet: "5", du: "2", ena: "1", "nič": "0", tri: "3", ok: "8", sep: "7",
  // Danish, Norwegian and Swedish "en" (also their article, and a Dutch joiner). Not Danish and Norwegian "to" (two): the
  // stream checker holds every word of this list back, and English "to" stands before most numbers and addresses.
  en: "1",
  ek: "1", do: "2", teen: "3", char: "4", chaar: "4", saat: "7", nau: "9",
  "không": "0", "một": "1", hai: "2", ba: "3", "năm": "5", "ένα": "1", "μία": "1", "μια": "1", "एक": "1", "दो": "2", "এক": "1", "নয়": "9", "دو": "2", "نه": "9",
  dy: "2", set: "7", sis: "6", nou: "9", ses: "6", dim: "0", pump: "5", bat: "1", bi: "2", lau: "4", aon: "1", "dó": "2", "sé": "6", "نو": "9",
  // Yoruba "odo" (also a river), "ọkan" (also the heart) and "marun".
  odo: "0", "ọkan": "1", marun: "5",
  // Somali, Hausa, Māori, Uzbek, Javanese, Cebuano, Faroese words that are names or words elsewhere ("shan", "tara", "rua", "usa", "ein").
  kow: "1", laba: "2", afar: "4", shan: "5", lix: "6", daya: "1", uku: "3", tara: "9", kore: "0", tahi: "1", rua: "2", toru: "3", rima: "5", ono: "6", iwa: "9",
  uch: "3", tort: "4", besh: "5", loro: "2", pitu: "7", sanga: "9", usa: "1", ein: "1", enem: "6", nem: "6",
  "に": "2", "ニ": "2", "ご": "5", "ゴ": "5", "し": "4", "シ": "4", "く": "9", "ク": "9",
  // Japanese and Sino-Korean in Latin letters, and Zulu, that are words or names elsewhere (Korean "i" and "o" are
  // English and Romance words too: digits only beside another number word, as every word here).
  rei: "0", nana: "7", san: "3", kunye: "1", kune: "4", gong: "0", il: "1", i: "2", sam: "3", sa: "4", o: "5", yuk: "6", yook: "6", pal: "8", gu: "9",
};

/**
 * Danish and Norwegian "to" (two) is English "to": it is a digit only beside a digit word those languages share and
 * English has not ("fire nul tre to otte", "ni ni to"), so "one to five" and "sent to 0176 …" stay words.
 */
const scandinavianDigits = new Set(["nul", "null", "en", "et", "tre", "fire", "fem", "seks", "syv", "sju", "otte", "åtte", "ni", "ti"]);

/**
 * Whether a "to" between these two words (lower case; either may be absent) is the Danish or Norwegian two.
 *
 * @example
 * scandinavianTwo("nul", "otte") // true
 * scandinavianTwo("one", "five") // false
 */
export function scandinavianTwo(before: string | undefined, after: string | undefined): boolean {
  return scandinavianDigits.has(before ?? "") || scandinavianDigits.has(after ?? "");
}

/** Ten to nineteen. */
const teens: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  zehn: 10, elf: 11, "zwölf": 12, dreizehn: 13, vierzehn: 14, "fünfzehn": 15, sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19,
  dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16,
  diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, dieciséis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
  dieci: 10, undici: 11, dodici: 12, tredici: 13, quattordici: 14, quindici: 15, sedici: 16, diciassette: 17, diciotto: 18, diciannove: 19,
  dez: 10, doze: 12, treze: 13, catorze: 14, dezesseis: 16, dezasseis: 16, dezessete: 17, dezassete: 17, dezoito: 18, dezenove: 19, dezanove: 19,
  tien: 10, twaalf: 12, dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18, negentien: 19,
  tio: 10, elva: 11, tolv: 12, tretton: 13, fjorton: 14, femton: 15, sexton: 16, sjutton: 17, arton: 18, nitton: 19,
  "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
  "dziesięć": 10, "jedenaście": 11, "dwanaście": 12, "trzynaście": 13, "czternaście": 14, "piętnaście": 15, "szesnaście": 16, "siedemnaście": 17, "osiemnaście": 18, "dziewiętnaście": 19,
};

/** Multiples of ten (French "soixante-dix" and "quatre-vingts" are read by the grouping rules). */
const tens: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  zwanzig: 20, "dreißig": 30, dreissig: 30, vierzig: 40, "fünfzig": 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
  vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, septante: 70, huitante: 80, octante: 80, nonante: 90,
  veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
  venti: 20, trenta: 30, quaranta: 40, cinquanta: 50, sessanta: 60, settanta: 70, ottanta: 80, novanta: 90,
  vinte: 20, trinta: 30, quarenta: 40, cinquenta: 50, sessenta: 60, oitenta: 80,
  twintig: 20, dertig: 30, veertig: 40, vijftig: 50, zestig: 60, zeventig: 70, tachtig: 80, negentig: 90,
  "dwadzieścia": 20, "trzydzieści": 30, "czterdzieści": 40, "pięćdziesiąt": 50, "sześćdziesiąt": 60, "siedemdziesiąt": 70, "osiemdziesiąt": 80, "dziewięćdziesiąt": 90,
  tjugo: 20, trettio: 30, fyrtio: 40, femtio: 50, sextio: 60, sjuttio: 70, "åttio": 80, nittio: 90,
  tjue: 20, tretti: 30, "førti": 40, femti: 50, seksti: 60, sytti: 70, "åtti": 80, nitti: 90,
  "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
  "tíz": 10, "húsz": 20, harminc: 30, negyven: 40, "ötven": 50, hatvan: 60, hetven: 70, nyolcvan: 80, kilencven: 90,
  deset: 10, dvacet: 20, "třicet": 30, "čtyřicet": 40, "padesát": 50, "šedesát": 60, "sedmdesát": 70, "osmdesát": 80, "devadesát": 90,
  "δέκα": 10, "είκοσι": 20, "τριάντα": 30, "σαράντα": 40, "πενήντα": 50, "εξήντα": 60, "εβδομήντα": 70, "ογδόντα": 80, "ενενήντα": 90,
  yirmi: 20, otuz: 30, "kırk": 40, elli: 50, "altmış": 60, "yetmiş": 70, seksen: 80, doksan: 90,
  // Esperanto builds every ten from its digit and "dek" (ten): "tridek unu" is 31, "dek naŭ" 19.
  dek: 10, dudek: 20, tridek: 30, kvardek: 40, kvindek: 50, sesdek: 60, sepdek: 70, okdek: 80, "naŭdek": 90, naudek: 90,
};

/** Tens that are words elsewhere too (Esperanto "dek" is Dutch "deck"): tens only next to another number word. */
const weakTens = new Set(["dek"]);

/** Irish numerals that the counting particle "a" stands before ("a náid a hocht a seacht"). */
export const irishNumerals = new Set(["náid", "haon", "aon", "dó", "trí", "ceathair", "cúig", "sé", "seacht", "hocht", "ocht", "naoi", "deich"]);

/** Whole hundreds written as one word (Polish, Spanish, Italian) or "hundred" itself (a multiplier). */
const hundreds: Record<string, number> = {
  hundred: 100, hundert: 100, cent: 100, cents: 100, cien: 100, ciento: 100, cento: 100, cem: 100, honderd: 100, "yüz": 100,
  sto: 100, "dwieście": 200, trzysta: 300, czterysta: 400, "pięćset": 500, "sześćset": 600, "siedemset": 700, osiemset: 800, "dziewięćset": 900,
  doscientos: 200, trescientos: 300, cuatrocientos: 400, quinientos: 500, seiscientos: 600, setecientos: 700, ochocientos: 800, novecientos: 900,
  "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
  duecento: 200, trecento: 300, quattrocento: 400, cinquecento: 500, seicento: 600, settecento: 700, ottocento: 800, novecento: 900,
};

/** Words that join a ten and a unit inside one number: "treinta y dos", "vingt et un", "one hundred and five". */
export const numberJoiners = new Set(["y", "et", "e", "en", "und", "and", "i"]);

/** Words read aloud for the dash between groups of a number ("six one nine dash three two"). */
export const spokenDashes = ["dash", "hyphen", "tiret", "guion", "guión", "bindestrich", "trattino", "hífen", "koppelteken", "myślnik", "тире", "viiva", "kreska", "pomlčka", "spojovník", "kötőjel", "tire", "streg", "bindestreg", "bandstrik", "bindestreck", "bindestrek", "παύλα", "מקף", "ハイフン", "ダッシュ", "하이픈"];

/**
 * Words read aloud for the slash between groups of a number ("780606 lomeno 2121", a birth number read over the
 * phone). Between digits a slash and a dash part the same groups: the spelled-number reader writes both as "-".
 */
export const spokenSlashes = ["slash", "lomeno", "lomítko", "lomitko", "schrägstrich", "skråstreg", "skråstrek", "snedstreck", "skástrik", "kauttaviiva", "ukośnik"];

/** "double four" is "44": repeat counts spoken before a digit. */
export const repeatWords = new Map<string, number>(Object.entries({ double: 2, triple: 3, doppel: 2, doble: 2, dubbel: 2 }));

export { spokenAtIn, spokenAts, spokenAtWords, spokenDots, weakSpokenAts } from "./pii-spoken-email-words.ts";

/** What one number word stands for. */
export interface NumberWord {
  /** The digits it stands for when read as a digit ("4"), or its value (12, 40, 600). */
  value: number;
  kind: "digit" | "teen" | "ten" | "hundred";
  /** Counts only next to another number word. */
  weak: boolean;
}

const table = new Map<string, NumberWord>();
for (const [word, digit] of Object.entries(digits)) table.set(word, { value: Number(digit), kind: "digit", weak: false });
for (const [word, digit] of Object.entries(weakDigits)) table.set(word, { value: Number(digit), kind: "digit", weak: true });
for (const [word, value] of Object.entries(teens)) table.set(word, { value, kind: "teen", weak: ["elf", "once", "seize", "doze"].includes(word) });
for (const [word, value] of Object.entries(tens)) table.set(word, { value, kind: "ten", weak: weakTens.has(word) });
for (const [word, value] of Object.entries(hundreds)) table.set(word, { value, kind: "hundred", weak: word === "cent" || word === "cents" || word === "sto" });

/** Every listed number word, sorted: a streamed word still being written is looked up as a prefix of one. */
const sortedWords = [...table.keys()].sort();

/**
 * Whether a word being written can still become a number word ("eigh" of "eighty", "eighty-ei" of "eighty-eight").
 *
 * @example
 * numberWordPrefix("eighty-ei") // true
 * numberWordPrefix("tak") // false
 */
export function numberWordPrefix(word: string): boolean {
  const parts = word.split(/-+/);
  const last = parts.pop() ?? "";
  if (parts.some((part) => numberWord(part) === undefined)) return false;
  if (last === "") return parts.length > 0;
  let low = 0;
  let high = sortedWords.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sortedWords[middle] as string) < last) low = middle + 1;
    else high = middle;
  }
  if (sortedWords[low]?.startsWith(last) === true) return true;
  // A compound under way ("zweiundvi", "quarantad") starts with a whole number word.
  for (let length = last.length - 1; length >= 2; length -= 1) if (table.has(last.slice(0, length))) return true;
  return false;
}

/** German and Dutch write a unit before its ten in one word: "zweiundvierzig", "tweeënveertig". */
const unitAndTen = /^(\p{L}+?)(?:und|ën|en)(\p{L}+)$/u;
/** Italian and Spanish write a ten and its unit in one word: "trentadue", "ventuno", "veintidós". */
const tenAndUnit = /^(vent|trent|quarant|cinquant|sessant|settant|ottant|novant|veinti)(\p{L}+)$/u;

/**
 * The number a word stands for, if it is one.
 *
 * @example
 * numberWord("quarante") // { value: 40, kind: "ten", weak: false }
 * numberWord("zweiundvierzig") // { value: 42, kind: "teen", weak: false }
 */
export function numberWord(word: string): NumberWord | undefined {
  const lower = word.toLowerCase();
  const known = table.get(lower);
  if (known !== undefined) return known;
  // Compounds are long words: most words of prose are ruled out without trying the two patterns.
  if (lower.length < 6) return undefined;
  const compound = unitAndTen.exec(lower);
  if (compound !== null) {
    const unit = table.get(compound[1] === "ein" ? "eins" : (compound[1] ?? ""));
    const ten = table.get(compound[2] ?? "");
    if (unit?.kind === "digit" && ten?.kind === "ten") return { value: ten.value + unit.value, kind: "teen", weak: false };
  }
  const italian = tenAndUnit.exec(lower);
  if (italian !== null) {
    const ten = italian[1] === "veinti" ? 20 : (table.get(`${italian[1]}a`) ?? table.get(`${italian[1]}i`))?.value;
    const unit = table.get(italian[2] ?? "") ?? table.get((italian[2] ?? "").replace(/^[aeiou]/, ""));
    const accentless = { "dós": 2, "trés": 3, "séis": 6 }[italian[2] ?? ""];
    const value = unit?.kind === "digit" ? unit.value : accentless;
    if (ten !== undefined && value !== undefined) return { value: ten + value, kind: "teen", weak: false };
  }
  return tenThenUnit(lower);
}

/** Any ten written with its unit in one word, ten first: Swedish "fyrtiofem", Norwegian "førtifem". */
function tenThenUnit(lower: string): NumberWord | undefined {
  // No ten-and-unit word is longer than this: a long run of letters is not tried at every split.
  if (lower.length > 24) return undefined;
  for (let split = 3; split <= lower.length - 2; split += 1) {
    const ten = table.get(lower.slice(0, split));
    if (ten?.kind !== "ten") continue;
    const unit = table.get(lower.slice(split));
    if (unit?.kind === "digit" && unit.value > 0) return { value: ten.value + unit.value, kind: "teen", weak: false };
  }
  return undefined;
}
