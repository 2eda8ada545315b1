/**
 * The word lists of the PII context scorer (pii-score.ts): what a word near a candidate says about it. Words are
 * matched by stem, so compounds and inflections in many languages count ("Telefonnummer", "telefonszámom",
 * "Kundenkarte", "운송장번호"): a stem marked `^` must start the word, any other may stand anywhere in it.
 */

import { regionalCardCueStems } from "./pii-card-networks.ts";
import { regionalIdCueStems } from "./pii-regional-id-cues.ts";

/** What a cue word says the number or address next to it is. */
export type CueKind = "phone" | "card" | "email" | "ip" | "national_id";

/** One word's role: a cue for a kind, an anti-cue (identifiers, codes, measurements), glue, or a content word. */
export type WordRole = { role: "cue"; kinds: CueKind[] } | { role: "anti"; party?: true } | { role: "glue" } | { role: "marker" } | { role: "content" };

/** Builds one stem matcher: `^stem` must start the word (short or ambiguous stems), any other is a substring. */
function stems(list: string): RegExp {
  const parts = list.trim().split(/\s+/).map((stem) => (stem.startsWith("^") ? `^${stem.slice(1)}` : stem));
  return new RegExp(`(?:${parts.join("|")})`, "u");
}

/**
 * Cue stems per kind, in the languages of the corpora and their neighbours. Deliberately broad: a real label the
 * scorer does not know counts against a number (see `content`), so a missing cue costs recall.
 */
const cues: Array<[CueKind, RegExp]> = [
  [
    "card",
    stems(
      "^card ^cards ^pan$ ^kertu karte ^kart ^carte kárty kortti kortin ^κάρτ ^thẻ ^kartu ^kredi บัตร כרטיס کارت ^tarjeta ^cart[ãa]o ^carta ^kaart ^kort ^karta ^карт ^кредит カード クレジット 卡号 银行卡 信用卡 卡$ 카드 ^visa ^mastercard ^amex ^maestro ^cc$ ^cb$ ^credit ^debit ^kredit ^cvv ^cvc ^exp$ ^expir ^expiry ^vence ^scade ^ablauf ^valid ^gültig ^tarj ^kreditkort ^betaalpas ^bankpas ^pinpas ^pay ^paid ^payment ^zahl ^bezahl ^pag[aoóu] ^paie ^payé ^charge ^diners ^jcb$ ^mc$ ^discover ^unionpay ^rupay ^mir$ कार्ड بطاق ^kaart ^carnet কার্ড கார்டு அட்டை కార్డ కార్డు ಕಾರ್ಡ್ കാർഡ് કાર્ડ ਕਾਰਡ କାର୍ଡ کارڈ කාඩ් ကတ် កាត ບັດ ბარათ քարտ ካርድ",
    ),
  ],
  [
    "email",
    stems(
      "^e-?mail ^mail ^sähköp ^ηλεκτρ ^correi 電郵 ایمیل ^דוא ^thư ^surel อีเมล ^ping ^reply ^antwort ^répond ^respond ^rispond ^courriel ^correo ^posta$ ^e-?post ^почт ^мейл メール 邮箱 邮件 이메일 메일 ईमेल بريد ^write ^schreib ^écri ^escrib ^scriv ^inbox ^address ^adresse ^dirección ^indirizzo ^endereço ^adres ^contact ^kontakt ^contatt ^contacto ^mailto ইমেইল ইমেল মেইল மின்னஞ்சல் ఇమెయిల్ ಇಮೇಲ್ ഇമെയിൽ ઈમેલ ਈਮੇਲ ای‌میل ای میل מייל ელფოსტ ფოსტ էլ-փոստ էլփոստ փոստ ኢሜይል အီးမေးလ် អ៊ីមែល",
    ),
  ],
  [
    "ip",
    stems("^ip$ ^ipv ^address ^adresse ^dirección ^indirizzo ^box$ ^machine ^resolver ^nameserver ^rechner ^server ^host ^gateway ^router ^dns ^proxy ^vpn ^ssh ^ping ^connect ^verbind ^conect ^client ^sunucu ^сервер ^адрес ^subnet ^firewall ^nat$ ^lan$ ^wan$ ^login ^logged ^einlog ^endpoint ^node$"),
  ],
  [
    "national_id",
    stems(
      "mazisi sazisi ^ssn ^social ^sozialvers ^securit ^sécu ^seguridad ^sicurezza ^segurança ^nino$ ^ni$ ^insurance ^national ^tax ^steuer ^fiscal ^fiscale ^nif$ ^nie$ ^dni$ ^cpf$ ^bsn$ ^burgerservice ^pesel ^personnum ^henkilötunnus ^personal ^ausweis ^passport ^reisepass ^passeport ^pasaporte ^passaporto ^паспорт ^снилс ^инн ^identit ^idnr ^nir$ ^insee ^kimlik ^tc$ ^aadhaar ^आधार ^pan$ ^sofi ^rijksregister ^amka ^αμκα ^ahv ^avs$ ^fødsels ^fnr$ ^fodsels ^födelse ^personbevis ^hetu$ ^cpr ^rrn$ ^itin$ ^nipc ^contribuinte ^identiteits ^ss$ ^身份 ^居民身份 ^주민등록 ^外国人登録 ^個人番号 ^ταυτότ ^henkilö ^sotu$ ^emšo ^oib$ ^cnp ^jmbg ^rodné ^rč$ ^rc$ ^gig$ 주민 マイナンバー 身份证 ^егн$ ^egn$ ^asmens ^isikukood ^personas ^zehut זהות ^תעודת ^cuil$ ^cuit$ ^rut$ azonosító ^рнокпп ^іпн$ ^tckn ^sin$ ^curp$ ^nric$ ^hkid$ ^mykad$ ^nik$ ^ktp$ ^cédula ^cedula ^dpi$ ^emšo ^matičn ^osobn ^ліч ^jmbg ^ЕГН পরিচয় एनआईडी पहचान அடையாள ఆధార్ గుర్తింపు ಆಧಾರ್ ആധാർ ઓળખ ਪਛਾਣ شناختی ملی هوية هويه الهوية ประชาชน ^cccd ^căn ^cmnd پہچان პირად անձնագ անձնական መታወቂያ ^nid$ ^cnic$ ^nin$ ^nn$ ^niss$ ^insz$ ^nss$ ^nuss$ ^pps$ ^ppsn$ ^nhs$ ^medicare ^tfn$ ^ird$ ^rfc$ ^dui$ ^rg$ ^ruc$ ^nit$ ^embg$",
    ),
  ],
  ["national_id", stems(regionalIdCueStems)],
  ["card", stems(regionalCardCueStems)],
  [
    "phone",
    stems(
      "^ping ^page$ ^msisdn ^fón$ ^fóin$ ^guthán ^ghutháin ^símanúmer ^sími$ ^síma$ ^síminn ^foonu ^ucingo ^ocingweni shayel ^ifowuni ^telpon ᱯᱷᱚᱱ ^sđt$ ^sdt$ ^ffôn ^ffon$ rückruf ^callback ^anschluss ^zap$ ^tel ^home$ ^zuhause ^privat ^domicile ^casa$ ^thuis ^hjemme ^hemma ^direct ^direkt ^emergency ^notfall ^urgence ^urgencia ^emergenza ^work$ ^arbeit ^dienstlich ^travail ^trabajo ^lavoro ^werk$ ^pager ^voicemail ^ph$ ^ansprech ^дзвон ফোন মোবাইল فون موبائل ^tawag ^hubung ^liên เบอร์ ^nipigi ^piga ^zavol ^contat 手機 聯絡 ^תתקשר ^התקשר واتساب ^számom ^numaram ^jiandikishe ^phon ^fon$ ^fone ^phone ^telef ^telep ^tlf ^puhel ^soita ^soitt ^ring ^call ^cell ^cel$ ^celu ^cellu ^mobil ^mobile ^mob$ ^móvil ^movil ^handy ^gsm ^hp$ ^sms ^text ^txt ^whatsapp ^wa$ ^signal ^viber ^telegram ^wechat ^line$ ^dial ^reach ^contact ^kontakt ^contatt ^contacto ^hotline ^fax ^landline ^festnetz ^fijo ^fixe ^fisso ^büro ^office ^bureau ^oficina ^ufficio ^kantoor ^anruf ^ruf ^ruft ^rufen ^appel ^joign ^joindre ^llam ^chiam ^lig[au] ^bel$ ^bellen ^bel[tl] ^zadzwo ^dzwo ^komór ^zavolej ^volej ^hívj ^sun[aă] ^ara$ ^arayın ^cep$ ^телефон ^тел ^звон ^моб ^τηλ ^κινητ ^κάλεσ thoại ^gọi ^โทร ^simu טלפון נייד 電話 携帯 連絡 电话 手机 联系 微信 전화 휴대 핸드폰 연락 फ़ोन फोन मोबाइल मोबाईल कॉल संपर्क هاتف جوال موبايل تلفون اتصل تلفن موبایل تماس ^erreichbar ^joignable ^raggiungibile ^bereikbaar ^zasięg தொலைபேசி கைபேசி அலைபேசி ఫోన్ ಫೋನ್ ഫോൺ ફોન ਫ਼ੋਨ ਫੋਨ ଫୋନ ტელეფონ მობილურ հեռախոս բջջային ስልክ දුරකථන ဖုန်း ទូរស័ព្ទ ໂທລະສັບ ເບີໂທ",
    ),
  ],
];

/**
 * Anti-cues: words that name an identifier, a code, a document, a reading or an amount. A number they label is
 * not personal data when its own form is weak ("Gift voucher 5112808371165960", "Kassenbon 0176 …", "운송장번호 010-…").
 * They excuse nothing whose form is strong: a card printed in its network's layout, an IBAN, an id with a strong check
 * in its own layout (pii-card-layout.ts, docs/verification.md "A label is not a licence"); a caller writes labels freely.
 */
const anti = stems(
  "order orden ^objedn ^rendel ^tilau παραγγελ ^đơn ^pesan ^resi$ คำสั่งซื้อ הזמנ ^comand ^száml ^lasku τιμολόγ חשבונית ^seurant ^takip ^vận ^kód ^kood κωδικ ^mã$ ^kode$ קוד ^foglal ^varau ^κράτησ ^đặt$ ^rezerv ^seri ^seryj ^vé$ ^bilet ^jegy ^lippu εισιτήρ ordre ordine ^ordem bestell ^bestill ^beställ auftrag pedido commande encomenda zamówien sipari заказ 注文 订单 주문 invoice rechnung factur fattura fatura faktur ^счет 請求 发票 ^bill ticket tracking ^track suivi rastre seguimiento sendung spedizion zending przesył kargo отслеж 追跡 运单 운송장 송장 parcel ^colis ^paket ^pacco paquete ^package shipment ^envío ^envio versand lieferung voucher coupon gutschein ^bon$ ^bons$ kassenbon ^gift geschenk regalo cadeau ^presente lahja ajándék dárk dárek podarun подароч hediye 礼品 禮品 ギフト 기프트 상품권 cadou zawadi ^quà hadiah ของขวัญ מתנה هدية उपहार ^gave ^present ^loyal fidél fidel ^treue ^bonus reward punkte ^points member mitglied adhérent ^socio ^abonn subscri suscrip serial ^serie ^série modell? ^model ^modèle ^modelo ^part$ ^teil ^sku ^isbn ^issn ^gtin ^ean$ ^upc ^imei ^imsi ^iccid ^mac$ ^uuid ^guid ^hash ^sha ^md5 ^commit ^build ^version ^release ^firmware ^kernel ^patch booking ^reserv ^buchung prenotaz réservation ^reserva 予約 预订 예약 ^confirm ^locali ^pnr ^claim ^case$ ^dossier akten expediente ^pratica ^ref$ ^refer ^réf ^rif transac transakt ^receipt quittung ^beleg ^recibo ricevuta ^reçu ^kvitto ^billet ^boleto biglietto ^seat ^sitz ^platz ^gleis ^bahnsteig ^platform$ ^binario ^andén ^spoor$ ^asiento ^flight ^flug ^vuelo ^vol$ ^volo ^lot$ ^lote ^lotto ^batch lotter loter tombola ^sequen ^folge ^prime ^primzahl fibonacci ^matri ^vector ^reading ^zähler ^meter ^compteur ^contador ^sensor ^log$ ^sample ^messwert ^count ^steps ^score ^total ^sum$ ^summe ^revenue ^umsatz ^population bevölkerung einwohner inhabitant habitant ^price ^preis ^prix ^precio ^prezzo ^preço ^cost ^kosten ^amount betrag ^montant ^importe ^importo ^balance ^saldo ^guthaben ^budget ^salary ^gehalt ^distance ^entfernung ^frequen ^coordinat ^koordinat ^latitude ^longitude ^gps ^mrn$ ^container ^vin$ ^chassis ^fahrgestell ^kennzeichen ^plate ^code$ ^codes$ ^código ^codice ^kod$ ^код コード 代码 코드 ^pin$ ^passcode ^otp$ ^token ^api$ ^key$ ^secret ^nonce ^referral ^tan$ ^session ^request ^anfrage ^solicitud ^demande ^richiesta ^protocol ^chamado ^incident ^störung ^issue ^bug$ ^job$ ^task ^pid$ ^port$ ^rate$ ^pulse ^puls ^blood ^pressure ^druck ^glucose ^weight ^gewicht ^height ^temperature ^barcode ^qr$ ^test ^sandbox ^dummy ^fake ^placeholder ^platzhalter ^beispiel ^exemple ^ejemplo ^coupon ^promo ^rabatt ^discount ^descuento ^sconto ^remise ^canje ^cupón ^kasse ^caisse ^quote ^angebot ^offre ^oferta ^contract ^vertrag ^contrat ^contrato ^policy ^police$ ^polizza ^póliza ^police ^versicherungsschein ^kunden ^klant ^cliente ^client$ ^customer ^account$ ^matr ^student ^employee ^mitarbeiter ^personal(?:nummer)$ ^warehouse ^lager ^stock ^inventory ^inventar ^asset ^device ^gerät ^geräte ^appareil ^dispositivo ^meeting ^zoom ^conference ^webinar ^room ^raum ^salle ^sala ^level ^step ^chapter ^section ^kapitel ^abschnitt ^page ^seite ^figure ^table ^tabelle ^row ^zeile ^column ^spalte ^item ^artikel ^article ^artículo ^articolo ^product ^produkt ^produit ^producto ^prodotto ^qty$ ^qté$ ^qtd$ ^quant ^menge ^anzahl ^stückzahl ^cantidad ^aantal ^antal ^ilość ^ilosc ^mennyiség ^množství ^počet ^määrä ^kpl$ ^adet$ ^miktar ^количеств ^кол-во ^数量 ^수량 ^pcs$ ^units$ ^stk$",
);

/** Words that carry no label of their own: prepositions, pronouns, copulas, articles, a few common verbs. */
const glue = new Set(
  `at on in to under is are was be me my your our his her their its the a an with via for of from by use using try dial please pls or and also
  unter an auf bei über ist sind lautet lauten mich mir mein meine meiner meinen ich du sie wir uns ihr ihre der die das den dem des ein eine einer und oder per bitte
  au à a est c'est sur par le la les l' un une mon ma mes ton ta votre vos notre nos moi je tu il elle et ou de du des d'
  al en el los las es mi mis tu su sus me yo con por para del y o de lo
  al allo alla il lo gli le è e mio mia miei mie tuo tua suo sua con da di del della per o ed mi
  no na em o os as é meu minha pelo pela pra para com do da e ou me mim
  op bij naar is mijn mij me ik je het de een en of van
  på til i er min mit mitt mig meg och eller og af av
  w na pod jest mój moja mnie mi i lub do z
  ve ile bu benim beni bana numaram da de ya
  на по под в с и или мой моя мне это
  send sent try here it's that's thats this that it
  är er je jest este ni là adalah คือ है हैं هو هي הוא on olen είναι це dır dir dur`.split(/\s+/),
);

/** Words that only say "a number follows". They are skipped when reading the label before a number. */
const markers = /^(?:digits|inombolo|nomer|số|nomor|เบอร์|αριθμός|νούμερο|szám|număr|numărul|nambari|číslo|号码|號碼|رقم|מספר|नंबर|شماره|n|no|nos|nr|nro|nº|num|number|numbers|nummer|numer|numero|número|numéro|numara|номер|id|ids|#|is|nommer|nummar|númer|numri|numurs|numeris|nombor|numru|broj|številka|rhif|uimhir|zenbakia|nómer|nomer|нумар|нөмір|номери|ნომერი|համար|nambari|nimero|nọmba|lambar|nambala)$/u;

/**
 * Prepositions: a word before one does not name the number after it ("requests from 203.0.113.45", "sold at …"),
 * while a copula or a colon keeps the relation ("Your loyalty number is …", "Voucher: …").
 */
export const prepositions = new Set(
  "at on to from with via under by for in into unter an auf bei über von mit nach au à sur par chez depuis avec pour al en con por para desde a em pelo pela com no na op bij naar van met på til fra med från w pod z do od на по под с в от к из".split(" "),
);

/** Prepositions of purpose: the words after one say what a value is for ("address for invoices"), not what it is. */
export const purposes = new Set("for für pour para per voor för dla для".split(" "));

/** Object pronouns: the word before one is a verb of contact ("page me at", "hit me up", "schreib mir"), not a label. */
export const objectPronouns = new Set("me mich mir moi mi mij mig meg mnie мне beni bana".split(" "));

/** Possessives before a bare "number" word make it a phone number ("my number", "mein Nummer", "мой номер"). */
export const possessives = new Set(
  "my our mein meine meiner meinen unser unsere mon ma notre mi mio mia nuestro meu minha mijn ons mój moja moje můj mé min mitt mit vår vores мой моя моё мій моя мој moj minu mano mans mea мой наш benim μου minun meu saya ku ko yangu tôi ฉัน ของฉัน मेरा मेरी मेरो माझा माझी माझे મારો મારી મારું আমার ମୋ ମୋର എന്റെ என் என்னுடைய నా ನನ್ನ මගේ ខ្ញុំ ကျွန်တော့် ကျွန်မ ຂ້ອຍ ຂອງຂ້ອຍ من میرا میری שלי לי 내 제".split(" "),
);

/**
 * "my number" in one word or one run of characters: a suffixed possessive ("numaram", "számom", "رقمي", "nomorku")
 * or a possessive and a number word written together ("我的号码是", "私の番号").
 */
export const ownNumber = /^(?:numaram|számom|rakamım|رقمي|nomorku|nombaku|شمارهام|شمارهم)$|(?:我的|私の|僕の|내|제).*(?:号码|號碼|番号|번호|电话|電話)/u;

/** Words that name a number, inflected or with a particle ("номера", "번호는", "numărul"). */
export const numberWord = /^(?:number|nummer|nommer|numer|numero|número|numéro|numri|numurs|numeris|broj|numara|номер\p{L}*|num[aă]r\p{L}*|nambari|số|nomor|číslo|szám\p{L}*|αριθμ\p{L}*|νούμερο|नंबर|नम्बर|নম্বর|எண்|நம்பர்|నంబర్|ನಂಬರ್|നമ്പർ|संख्या|ಸಂಖ್ಯೆ|సంఖ్య|സംഖ്യ|අංකය|លេខ|နံပါတ်|ເບີ|رقم|מספר|شماره|نمبر|digits)$|(?:号码|號碼|番号|번호)/u;

/** Units, currencies and counted things right after a number: a measurement or an amount, not a phone or a card. */
export const units = stems(
  "^€ ^\\$ ^£ ^¥ ^₹ ^₽ ^eur ^usd ^gbp ^chf ^jpy ^peso ^dollar ^euro ^yen ^rupee ^rubl ^kg$ ^g$ ^mg$ ^km$ ^m$ ^cm$ ^mm$ ^hz$ ^khz$ ^mhz$ ^ghz$ ^bpm$ ^mmhg$ ^kwh$ ^w$ ^kw$ ^v$ ^mah$ ^mb$ ^gb$ ^tb$ ^kb$ ^ms$ ^s$ ^sec ^min$ ^h$ ^% ^°c ^°f ^einwohner ^inhabitant ^habitant ^people ^units ^pcs$ ^cent$ ^cents$ ^ct$ ^stück ^pieces ^steps ^points ^pts$ ^times ^mal$ ^fois$ ^veces ^votes ^views ^likes ^downloads ^users ^bytes",
);

/**
 * A word's role (the word in lower case). An anti-cue wins over a cue inside one word ("Kundenkarte",
 * "Gutscheinkarte": a customer or voucher card is no payment card).
 *
 * @example
 * wordRole("telefonnummer") // { role: "cue", kinds: ["phone"] }
 * wordRole("kassenbon") // { role: "anti" }
 */
export function wordRole(word: string): WordRole {
  // A long word is read, not kept: a caller's megabyte-long words would otherwise fill the memo across requests.
  if (word.length > maxMemoisedWord) return readRole(word);
  const known = roles.get(word);
  if (known !== undefined) return known;
  // The stem patterns are long alternations; text full of numbers asks about the same few words again and again.
  if (roles.size >= 10_000) roles.clear();
  const role = readRole(word);
  roles.set(word, role);
  return role;
}

/**
 * Whether a word ends in a cue for a phone or an address that no anti-cue follows: the head of a compound or of a
 * label written without spaces ("ご予約の電話番号", "Reservierungstelefon", "예약확인메일"). A booking's phone is a phone;
 * a customer's card ("Kundenkarte") is no payment card, so only phones and addresses are read by their head.
 *
 * @example
 * headCue("ご予約の電話番号", "phone") // true
 * headCue("電話予約", "phone") // false
 */
export function headCue(word: string, kind: CueKind): boolean {
  if (kind !== "phone" && kind !== "email") return false;
  const pattern = cues.find(([cueKind]) => cueKind === kind)?.[1];
  if (pattern === undefined) return false;
  // A label is a few characters: a long word is no label, and reading every suffix of it would cost its square.
  for (let from = 0; from < Math.min(word.length, 32); from += 1) {
    const suffix = word.slice(from);
    // A compound is read by its head only when what stands before the head is an anti-cue ("string" is no "ring").
    if (pattern.test(suffix) && !anti.test(suffix) && !party.test(suffix) && (from === 0 || anti.test(word.slice(0, from)))) return true;
  }
  return false;
}

const roles = new Map<string, WordRole>();
/** No cue or anti-cue word is longer; longer words are compounds or noise, read each time. */
const maxMemoisedWord = 64;

/**
 * Anti-cues that name a party, not a document: "customer number" is an identifier, but "customer phone" is the
 * customer's phone. Written as a word of their own, they yield to a cue beside them in the label (pii-score.ts).
 */
const party = /^(?:customers?|clients?|kunden?|klant(?:en)?|clientes?|members?|mitglied|students?|employees?|mitarbeiter(?:in)?|patients?|users?|guests?|claimants?|applicants?|tenants?|passengers?|holders?|beneficiar(?:y|ies)|insured|policyholders?|donors?|residents?|candidates?|defendants?|plaintiffs?|debtors?|borrowers?|workers?|contractors?|staff|solicitantes?|demandantes?|antragsteller(?:in)?|mieter(?:in)?|locataires?|inquilinos?)$/u;

/**
 * A label shortened with "-nr" or "-no" ("personnr", "kundennr", "ordreno") is read as the "-nummer" compound it
 * abbreviates; the stem must be a word of its own (three letters or more), so "nr" and "no" stay markers.
 */
const abbreviatedNumber = /^(\p{L}{3,}?)\.?(?:nr|no)$/u;

function readRole(word: string): WordRole {
  if (markers.test(word)) return { role: "marker" };
  const abbreviated = abbreviatedNumber.exec(word)?.[1];
  if (abbreviated !== undefined && !anti.test(word) && !cues.some(([, pattern]) => pattern.test(word))) return readRole(`${abbreviated}nummer`);
  if (party.test(word)) return { role: "anti", party: true };
  if (anti.test(word)) return { role: "anti" };
  const kinds = cues.filter(([, pattern]) => pattern.test(word)).map(([kind]) => kind);
  if (kinds.length > 0) return { role: "cue", kinds };
  if (glue.has(word) || word.length === 1) return { role: "glue" };
  // A key numbering one part of a value ("pan_1", "cc-2") is read as its word.
  const numbered = numberedKey.exec(word)?.[1];
  if (numbered !== undefined) return readRole(numbered);
  // Keys, URLs and ASCII keyboards drop diacritics ("henkilotunnus", "telefono", "numero_de_cedula"): an ASCII word
  // is read against the stems with theirs dropped too. Only cues: an anti-cue missed costs a flag, not a leak.
  if (/^[ -~]+$/.test(word)) {
    const kinds = foldedCues.filter(([, pattern]) => pattern.test(word)).map(([kind]) => kind);
    if (kinds.length > 0) return { role: "cue", kinds };
  }
  return { role: "content" };
}

/** A key's word and the number of one part of a value after it: "card_1", "pan-2", "cc3". */
const numberedKey = /^(\p{L}{2,})[_.-]?\d{1,2}$/u;

/** The cue stems with their diacritics dropped, for ASCII words. */
const foldedCues: Array<[CueKind, RegExp]> = cues.map(([kind, pattern]) => [kind, new RegExp(pattern.source.normalize("NFD").replace(/\p{M}/gu, ""), "u")]);
