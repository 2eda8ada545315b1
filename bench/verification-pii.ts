/**
 * The PII half of the verification bench's detection figures: recall and false positives on the shipped corpus
 * and every hand-written or blind set, against the regex-only detector it replaced (same run), the held-out
 * sets' misses, and detectPii's CPU per message.
 */
import fs from "node:fs";
import path from "node:path";
import { detectPii } from "../src/verification/index.ts";
import type { CorpusItem } from "../test/fixtures/pii/generate-corpus.ts";
import { detectPiiRegexOnly, normalisePiiText } from "./baselines/regex-pii-detectors.ts";
import type { BenchFigure } from "./types.ts";

export const corpus = JSON.parse(fs.readFileSync(path.resolve("test/fixtures/pii/corpus.json"), "utf8")) as CorpusItem[];
/** Messages written by hand after the tuning, in other words than the generator's (see docs/verification-detection.md). */
const probe = (file: string, split: string) =>
  (JSON.parse(fs.readFileSync(path.resolve("test/fixtures/pii", file), "utf8")) as Array<Omit<CorpusItem, "id" | "split" | "lang">>).map((item, index) => ({ ...item, id: `${split}-${index}`, lang: "en" as const }));
const handwritten: Record<string, ReturnType<typeof probe>> = {
  handwritten: probe("handwritten.json", "handwritten"),
  "handwritten-2": probe("handwritten-2.json", "handwritten-2"),
  // Written from scratch and committed before the detector ever ran on it; measured, never tuned on.
  // Tuned on after its one measurement (the misses it showed were generalised): no longer held out.
  "held-out-3": probe("held-out-3.json", "held-out-3"),
  // Written and committed before the detector ran on it (after held-out-3's generalisation); measured, never tuned on.
  "held-out-4": probe("held-out-4.json", "held-out-4"),
  // Committed (52adef3) before the normalisation-pipeline detector ran on it; 13 languages and the obfuscations
  // of the pipeline's stages (look-alikes, emoji and markdown separators, line breaks, JSON, tens and hundreds).
  "held-out-5": probe("held-out-5.json", "held-out-5"),
  // Committed (b42fa2e) before the generalised held-out-4/5 failure classes ran on it; 182 items, 17 languages, 70 look-alikes.
  // Measured once, then its classes were generalised: no longer held out.
  "held-out-6": probe("held-out-6.json", "held-out-6"),
  // Committed (6c7f55b) after held-out-6's measurement, before its classes were generalised; 170 items, 20 languages.
  "held-out-7": probe("held-out-7.json", "held-out-7"),
  // Written for the context scorer (pii-score.ts): dev-lookalikes and -2 tuned on; dev-check and -2 measured first, then read.
  "dev-lookalikes": probe("dev-lookalikes.json", "dev-lookalikes"),
  "dev-lookalikes-2": probe("dev-lookalikes-2.json", "dev-lookalikes-2"),
  "dev-lookalikes-3": probe("dev-lookalikes-3.json", "dev-lookalikes-3"),
  "dev-lookalikes-4": probe("dev-lookalikes-4.json", "dev-lookalikes-4"),
  "dev-check": probe("dev-check.json", "dev-check"),
  "dev-check-2": probe("dev-check-2.json", "dev-check-2"),
  // Measured once when written (7098e30), never read: the last unseen figure before held-out-8.
  "dev-check-3": probe("dev-check-3.json", "dev-check-3"),
  // Written blind (without opening the detector, its docs or its misses) and committed before the context scorer ran
  // on it; 178 items, 30 languages, 71 look-alikes. Reported, never asserted. Seen since: its classes were generalised.
  "held-out-8": probe("held-out-8.json", "held-out-8"),
  // Written with the national-id table (make-dev-ids.py): dev-ids tuned on; dev-ids-check measured, never read.
  "dev-ids": probe("dev-ids.json", "dev-ids"),
  "dev-ids-check": probe("dev-ids-check.json", "dev-ids-check"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 184 items, 34 languages, 76 look-alikes, national ids of 30 countries (test/fixtures/pii/held-out-9.md). Reported, never asserted.
  "held-out-9": probe("held-out-9.json", "held-out-9"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 180 support-desk messages, 80 look-alikes, 17 of them passing a Luhn, mod-97 or national-id check by chance
  // (test/fixtures/pii/held-out-10.md). Reported, never asserted.
  "held-out-10": probe("held-out-10.json", "held-out-10"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 208 support-desk messages in 35 languages, 97 look-alikes (12 passing a Luhn, mod-97 or national-id check by chance),
  // PII in other scripts' digits, spoken forms, homoglyphs, zero-width characters, encodings (test/fixtures/pii/held-out-11.md). Reported, never asserted.
  "held-out-11": probe("held-out-11.json", "held-out-11"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 209 support-desk messages in 55 languages, 93 look-alikes (12 passing a Luhn, mod-97 or national-id check by chance),
  // PII spelled in 17 languages' number words, in 11 digit sets held-out-11 lacked, with odd separators and [at]/(dot) forms (test/fixtures/pii/held-out-12.md). Reported, never asserted.
  "held-out-12": probe("held-out-12.json", "held-out-12"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 206 texts beyond the support desk (returns, travel, clinic scheduling, logs and stack traces, markdown tables, HTML,
  // URL/JSON/MIME escapes, numbers read aloud), 29 languages, 91 look-alikes (12 passing a Luhn, mod-97, mod-11 or
  // Verhoeff check by design or chance) (test/fixtures/pii/held-out-13.md). Reported, never asserted.
  "held-out-13": probe("held-out-13.json", "held-out-13"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 207 texts where people hide contact details from a filter or records move between systems (marketplace and dating
  // evasion: keycap, circled and maths digits, digits and words mixed, backwards, split over chat messages; HR, payroll,
  // rentals, donations, court filings, admissions; SQL, YAML, .env, vCard, iCalendar, CSV, MT940, base64, OCR), 35
  // languages, 95 look-alikes (13 passing a Luhn, mod-97, mod-11 or other check by design) (test/fixtures/pii/held-out-14.md). Reported, never asserted.
  "held-out-14": probe("held-out-14.json", "held-out-14"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 203 texts where machines paste PII or tooling and keyboards mangle it (autofill and password-manager dumps, QR
  // payloads, wa.me/tel: links with extensions, JS concatenation, ROT13, Git trailers, LaTeX, Slack markup, screen
  // readers, mixed-language and Roman-numeral transcripts; combining marks, Greek/Cyrillic digit homoglyphs, digits of
  // rare scripts; JP/BR/IN/ZA/MX/PL/TR/KR formats, MRZ passports), 23 languages, 89 look-alikes (13 passing a Luhn,
  // mod-97, mod-11 or other check by design) (test/fixtures/pii/held-out-15.md). Reported, never asserted.
  "held-out-15": probe("held-out-15.json", "held-out-15"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 204 texts where PII sits in machine and industry formats and accessibility encodings (HL7 v2, DICOM, FHIR, EDIFACT,
  // X12, ZPL labels, MT103, pain.001, AT modem commands, MATMSG/SMSTO QR, AirTag lost mode, PGP/X.509/.mailmap, SRT and
  // WebVTT captions, SSML, fingerspelling glosses, game chat and signs, notarial deeds, police reports, lab
  // requisitions; Morse, Braille, hex, octal and CSS escapes, Chinese financial numerals, digits of 14 rare scripts,
  // tag characters, a right-to-left override, regional-indicator letters), 37 languages, 91 look-alikes (13 passing a
  // Luhn, mod-97, mod-11, mod-10 or mod-7 check by design) (test/fixtures/pii/held-out-16.md). Reported, never asserted.
  "held-out-16": probe("held-out-16.json", "held-out-16"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 244 texts where PII sits in observability and identity infrastructure (RFC 5424 syslog structured data, CEF/LEEF,
  // journald, Windows event XML, Prometheus labels, OpenTelemetry attributes, HTTP request headers, LDIF, Telegram and
  // Matrix exports, IRC, Rust/Go/Python/Elixir/protobuf debug prints, TOML; journald byte arrays, sanitised labels,
  // obs-folded headers, spreadsheet formulas), values broken by a line wrap, letters typed
  // for digits (| Z q b Ø T), national ids of SG, HK, TW, TH, AT, SI, IS, EE, UY, EC, SK and LV, RuPay/Troy/Verve/
  // Dankort/UATP/Elo cards, IBANs of 17 new countries; 40 languages, 97 look-alikes (15 passing a Luhn, mod-97, mod-89,
  // mod-11-2, mod-10 recursive, 7-3-1 or base58check check by design) (test/fixtures/pii/held-out-17.md). Reported,
  // never asserted; measured once at first sight in stop 39 (obfuscated 30/68, plain 56/79, look-alikes 10/97), studied since.
  "held-out-17": probe("held-out-17.json", "held-out-17"),
  // Written blind (without opening the detector, its docs, tests or misses) and committed before anything ran on it;
  // 258 texts where PII sits in data work and developer tooling (psql/MySQL result tables, pandas and tibble prints,
  // Jupyter output, logcat, .env and compose lines, crontab MAILTO, a diff, SRT, GeoJSON, an mbox From line, a
  // Terraform plan, ODS cell XML, LaTeX, WhatsApp and Zoom exports), encodings none of 10..17 used (RFC 2047 Q words,
  // base32, written backwards, leet S/B/A/E/G, tab-separated cells, PHP query arrays, JSON string arrays, a psql
  // wrapped cell, a literal \n, a quoted-printable soft break, TeX thin spaces, superscript digits), national ids of
  // CH, IE, AU, KZ, IT and MX, UzCard/Humo/Hipercard/Cabal/Naranja cards, IBANs of 12 new countries; 24 languages, 102
  // look-alikes (16 passing an ISIN, LEI, ISO 6346, ABA, GTIN, ISSN or IMO check by design)
  // (test/fixtures/pii/held-out-18.md). Reported, never asserted; measured once in stop 39 (obfuscated 22/74, plain 67/82, look-alikes 4/102), its misses
  // not yet written out: the next round that reads them makes it a studied set.
  "held-out-18": probe("held-out-18.json", "held-out-18"),
  // Written (make-dev-shapes.py) before wave/pii's detector changes for the shapes the next blind set announces:
  // tracking and IBAN-shaped refs, build ids, bare Luhn- and id-valid numbers; PII in quoted mail, signatures, CSV,
  // JSON, URLs, split lines. Measured before and after, never read.
  "dev-shapes": probe("dev-shapes.json", "dev-shapes"),
  // Written (make-dev-support.py) after held-out-10's measurement for its failure classes and benign support-desk
  // numbers: dev-support tuned on; dev-support-check draws each class from the other half of every vocabulary,
  // measured, never read.
  "dev-support": probe("dev-support.json", "dev-support"),
  "dev-support-check": probe("dev-support-check.json", "dev-support-check"),
  // Written (make-dev-carriers.py) after held-out-11's measurement (it is seen now) for its failure classes from other
  // vocabularies: dev-carriers tuned on; dev-carriers-check draws each class from the other half, measured, never read.
  "dev-carriers": probe("dev-carriers.json", "dev-carriers"),
  "dev-carriers-check": probe("dev-carriers-check.json", "dev-carriers-check"),
  // Written (make-dev-classes-check.py) on 2026-12-07 for the mechanisms behind held-out-10/11/12's misses, committed
  // before anything ran on it; measured, never read.
  "dev-classes-check": probe("dev-classes-check.json", "dev-classes-check"),
  // Written (make-dev-turns.py) with wave/pii's second round for its classes (the IP rule, replies labelled by a question,
  // Tagalog "po", Danish "to", digit-first table rows, handles read aloud): dev-turns tuned on; dev-turns-check draws
  // each class from the other half of every vocabulary, measured, never read.
  "dev-turns": probe("dev-turns.json", "dev-turns"),
  "dev-turns-check": probe("dev-turns-check.json", "dev-turns-check"),
};

type Detector = (text: string) => Array<{ kind: string }>;
const detectors: Record<"current" | "baseline", Detector> = {
  current: (text) => detectPii(text),
  baseline: (text) => detectPiiRegexOnly(normalisePiiText(text)),
};

/** Recall (every labelled kind found) and false positives on look-alikes, per split, for one detector. */
function scores(split: CorpusItem["split"] | keyof typeof handwritten, detect: Detector): Record<"obfuscated" | "plain" | "benign", { value: number; count: number }> {
  const items = split === "tune" || split === "heldout" ? corpus.filter((item) => item.split === split) : (handwritten[split] ?? []);
  const caught = (item: Pick<CorpusItem, "kinds" | "text">) => {
    const kinds = new Set(detect(item.text).map((finding) => finding.kind));
    return item.kinds.every((kind) => kinds.has(kind));
  };
  const rate = (category: CorpusItem["category"], hit: (item: Pick<CorpusItem, "kinds" | "text">) => boolean) => {
    const chosen = items.filter((item) => item.category === category);
    return { value: chosen.length === 0 ? 1 : chosen.filter(hit).length / chosen.length, count: chosen.length };
  };
  return { obfuscated: rate("obfuscated", caught), plain: rate("plain", caught), benign: rate("benign", (item) => detect(item.text).length > 0) };
}

/** The corpus figures of the detector, against the regex-only detector it replaced (measured in the same run). */
export function piiFigures(): BenchFigure[] {
  return (["tune", "heldout", "handwritten", "handwritten-2", "held-out-3", "held-out-4", "held-out-5", "held-out-6", "held-out-7", "dev-lookalikes", "dev-lookalikes-2", "dev-lookalikes-3", "dev-lookalikes-4", "dev-check", "dev-check-2", "dev-check-3", "held-out-8", "dev-ids", "dev-ids-check", "held-out-9", "held-out-10", "held-out-11", "held-out-12", "held-out-13", "held-out-14", "held-out-15", "held-out-16", "held-out-17", "held-out-18", "dev-shapes", "dev-support", "dev-support-check", "dev-carriers", "dev-carriers-check", "dev-classes-check", "dev-turns", "dev-turns-check"] as const).flatMap((split) => {
    if (split !== "tune" && split !== "heldout" && handwritten[split] === undefined) return [];
    const now = scores(split, detectors.current);
    const before = scores(split, detectors.baseline);
    const ratio = (value: number, old: number) => (old === 0 ? {} : { ratio: value / old });
    const baseline = "regex-only detector (before #16)";
    return [
      { metric: `PII recall, obfuscated (${split} split, n=${now.obfuscated.count})`, value: now.obfuscated.value, unit: "ratio", goal: 0.95, baseline, ...ratio(now.obfuscated.value, before.obfuscated.value) },
      { metric: `PII recall, obfuscated, baseline (${split} split)`, value: before.obfuscated.value, unit: "ratio" },
      ...(now.plain.count === 0 ? [] : [{ metric: `PII recall, plain (${split} split, n=${now.plain.count})`, value: now.plain.value, unit: "ratio", baseline, ...ratio(now.plain.value, before.plain.value) }]),
      { metric: `PII false positives, benign look-alikes (${split} split, n=${now.benign.count})`, value: now.benign.value, unit: "ratio", goal: 0.02, baseline, ...ratio(now.benign.value, before.benign.value) },
      { metric: `PII false positives, benign look-alikes, baseline (${split} split)`, value: before.benign.value, unit: "ratio" },
    ];
  });
}

/**
 * The held-out sets' misses (PII not found, look-alikes flagged), written to `.switchyard/bench/pii-held-out-N-misses.json`
 * so the doc can list them as known gaps without anyone re-running the detector item by item.
 */
export function heldOutMisses(): void {
  for (const split of ["held-out-4", "held-out-5", "held-out-6", "held-out-7", "held-out-8", "held-out-9", "held-out-10", "held-out-11", "held-out-12", "held-out-13", "held-out-14", "held-out-15", "held-out-16", "held-out-17"]) {
    if (handwritten[split] === undefined) continue;
    const misses = (handwritten[split] ?? []).flatMap((item) => {
      const found = detectPii(item.text).map((finding) => ({ kind: finding.kind, text: finding.text }));
      const missed = item.category === "benign" ? found.length > 0 : !item.kinds.every((kind) => found.some((finding) => finding.kind === kind));
      return missed ? [{ category: item.category, kinds: item.kinds, text: item.text, found }] : [];
    });
    fs.mkdirSync(path.resolve(".switchyard/bench"), { recursive: true });
    fs.writeFileSync(path.resolve(`.switchyard/bench/pii-${split}-misses.json`), `${JSON.stringify(misses, null, 1)}\n`);
  }
}

/**
 * CPU time of `detectPii` per message, over every corpus and probe message (five rounds after a warm-up round),
 * against the regex-only baseline in the same run: the detector's cost on the request path.
 */
export function perMessageCpu(): { micros: number; baselineMicros: number; messages: number } {
  const texts = [...corpus, ...Object.values(handwritten).flat()].map((item) => item.text);
  const time = (detect: Detector) => {
    for (const text of texts) detect(text);
    const started = process.cpuUsage();
    for (let round = 0; round < 5; round += 1) for (const text of texts) detect(text);
    const used = process.cpuUsage(started);
    return (used.user + used.system) / (5 * texts.length);
  };
  return { micros: time(detectors.current), baselineMicros: time(detectors.baseline), messages: texts.length };
}
