/**
 * The detection half of the verification bench: PII recall and false positives on the shipped corpus (both
 * splits), stream checks (unchecked characters released, time to first released token against the
 * unchecked stream in the same run), and the copyright check on edited copies and ordinary text.
 */
import fs from "node:fs";
import path from "node:path";
import { checkedStream, CopyrightIndex, detectPii, outputBlockFindings, scrubPii, StreamTextChecker, type PiiScrubOptions, type StreamPart } from "../src/verification/index.ts";
import type { CorpusItem } from "../test/fixtures/pii/generate-corpus.ts";
import { ordinaryParagraphs } from "../test/fixtures/copyright/ordinary-text.ts";
import { detectPiiRegexOnly, normalisePiiText } from "./baselines/regex-pii-detectors.ts";
import type { BenchFigure } from "./types.ts";

const corpus = JSON.parse(fs.readFileSync(path.resolve("test/fixtures/pii/corpus.json"), "utf8")) as CorpusItem[];
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
};
const protectedDocuments = fs.readFileSync(path.resolve("test/fixtures/copyright/protected.txt"), "utf8").split(/\n\s*\n/);

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

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
function piiFigures(): BenchFigure[] {
  return (["tune", "heldout", "handwritten", "handwritten-2", "held-out-3", "held-out-4", "held-out-5", "held-out-6", "held-out-7", "dev-lookalikes", "dev-lookalikes-2", "dev-lookalikes-3", "dev-lookalikes-4", "dev-check", "dev-check-2", "dev-check-3", "held-out-8", "dev-ids", "dev-ids-check", "held-out-9", "held-out-10", "held-out-11", "held-out-12", "dev-shapes", "dev-support", "dev-support-check", "dev-carriers", "dev-carriers-check"] as const).flatMap((split) => {
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
function heldOutMisses(): void {
  for (const split of ["held-out-4", "held-out-5", "held-out-6", "held-out-7", "held-out-8", "held-out-9", "held-out-10", "held-out-11", "held-out-12"]) {
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
function perMessageCpu(): { micros: number; baselineMicros: number; messages: number } {
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

/** Streams every corpus item (in a reply) in seeded random chunks; counts released characters of personal data. */
function uncheckedCharacters(): { leaked: number; differing: number; streams: number } {
  const random = seeded(16);
  const options: PiiScrubOptions = { strategy: "redact" };
  let leaked = 0;
  let differing = 0;
  let streams = 0;
  for (const item of corpus) {
    for (let round = 0; round < 3; round += 1) {
      const text = `Thanks for waiting. ${item.text} Anything else?`;
      const checker = new StreamTextChecker({ pii: options });
      let released = "";
      for (let offset = 0; offset < text.length; ) {
        const size = 1 + Math.floor(random() * 10);
        released += checker.push(text.slice(offset, offset + size)).text;
        offset += size;
      }
      released += checker.finish().text;
      streams += 1;
      if (released === scrubPii(text, options).text) continue;
      differing += 1;
      for (const finding of detectPii(text)) if (released.includes(finding.text)) leaked += finding.text.length;
    }
  }
  return { leaked, differing, streams };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] as number;

/** A model stream: first token after `ttftMs`, then one word-sized token every `tokenMs`. */
async function* modelStream(text: string, ttftMs: number, tokenMs: number): AsyncGenerator<StreamPart> {
  await sleep(ttftMs);
  for (const token of text.match(/\S+\s*/g) ?? []) {
    yield { type: "text", text: token };
    await sleep(tokenMs);
  }
}

async function firstText(source: AsyncIterable<{ type: string }>): Promise<number> {
  const started = performance.now();
  let first = Number.NaN;
  for await (const part of source) if (part.type === "text" && Number.isNaN(first)) first = performance.now() - started;
  return first;
}

/** Time to first released token, checked and unchecked, alternating in the same run. */
async function firstTokenFigures(): Promise<BenchFigure[]> {
  const reply = "Sure, I can help with that. The refund for your order was issued today and should arrive within five days. If you have questions, reply to this email.";
  const copyright = new CopyrightIndex(protectedDocuments);
  const options = { pii: { strategy: "redact" as const }, blockers: [(text: string) => outputBlockFindings(text, { copyright })] };
  const profiles: Array<[string, number, number]> = [
    ["demo profile (first token 35 ms, 1 ms per token)", 35, 1],
    ["hosted-model pace (first token 300 ms, 20 ms per token)", 300, 20],
  ];
  const figures: BenchFigure[] = [];
  for (const [name, ttft, perToken] of profiles) {
    const unchecked: number[] = [];
    const checked: number[] = [];
    for (let round = 0; round < 9; round += 1) {
      unchecked.push(await firstText(modelStream(reply, ttft, perToken)));
      checked.push(await firstText(checkedStream(modelStream(reply, ttft, perToken), options)));
    }
    const ratio = median(checked) / median(unchecked);
    figures.push({ metric: `time to first released token, checked stream, ${name} (median of 9)`, value: median(checked), unit: "ms", goal: Math.round(12 * median(unchecked)) / 10, baseline: "unchecked stream", ratio });
    figures.push({ metric: `time to first token, unchecked stream, ${name}`, value: median(unchecked), unit: "ms" });
  }
  return figures;
}

/** CPU cost of the checks per streamed token (PII on the live suffix, copyright on the text so far). */
function perTokenCost(): number {
  const copyright = new CopyrightIndex(protectedDocuments);
  const text = ordinaryParagraphs(4, 9).join(" ");
  const tokens = text.match(/\S+\s*/g) ?? [];
  const checker = new StreamTextChecker({ pii: { strategy: "redact" }, blockers: [(output) => outputBlockFindings(output, { copyright })] });
  const started = performance.now();
  for (const token of tokens) checker.push(token);
  checker.finish();
  return (performance.now() - started) / tokens.length;
}

/** The old check, kept here as the baseline: exact 8-word n-grams, share of the output's n-grams found. */
function exactEightGramOverlap(output: string): number {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const grams = (tokens: string[]) => tokens.slice(0, Math.max(0, tokens.length - 7)).map((_, index) => tokens.slice(index, index + 8).join(" "));
  const known = new Set(protectedDocuments.flatMap((document) => grams(words(document))));
  const mine = grams(words(output));
  return mine.length === 0 ? 0 : mine.filter((gram) => known.has(gram)).length / mine.length;
}

function copyrightFigures(): BenchFigure[] {
  const index = new CopyrightIndex(protectedDocuments);
  const filler = ordinaryParagraphs(60, 77);
  const copies = (every: number) =>
    protectedDocuments.flatMap((document, position) => {
      const words = document.split(/\s+/);
      return [0, 20, 40].map((start, round) => {
        const excerpt = words
          .slice(start, start + 60)
          .map((word, offset) => (offset % every === every - 1 ? `other${offset}` : word))
          .join(" ");
        return `${filler[(position * 3 + round) % filler.length]} ${excerpt}`;
      });
    });
  const rate = (texts: string[], flagged: (text: string) => boolean) => texts.filter(flagged).length / texts.length;
  const seventh = copies(7);
  const ordinary = ordinaryParagraphs(1000, 2026);
  return [
    { metric: `copyright: 60-word excerpts with every 7th word replaced, flagged (n=${seventh.length})`, value: rate(seventh, (text) => index.check(text).flagged), unit: "ratio", goal: 1 },
    { metric: "copyright: excerpts with every 5th word replaced, flagged", value: rate(copies(5), (text) => index.check(text).flagged), unit: "ratio" },
    { metric: "copyright: exact 8-gram baseline on every-7th-word copies, flagged", value: rate(seventh, (text) => exactEightGramOverlap(text) > 0.2), unit: "ratio" },
    { metric: `copyright: false positives on ordinary text (n=${ordinary.length})`, value: rate(ordinary, (text) => index.check(text).flagged), unit: "ratio" },
  ];
}

/**
 * Worst time of `detectPii` on ~200,000-character hostile inputs (long runs of letters, digits, "a.", spaced
 * digits, mixed digits and digit words, "(1) ", "1:", and one per normaliser stage): anything that rescans from every position turns these
 * quadratic, minutes instead of milliseconds.
 */
function hostileInputWorstMs(): number {
  const inputs = ["a".repeat(200_000), `${"1".repeat(200_000)}x`, "a.".repeat(100_000), `${"1 ".repeat(100_000)}x`, "one 1 ".repeat(33_000), "(1) ".repeat(50_000), "1:".repeat(100_000)];
  // The normaliser's later stages: spoken dots, spaced letters, emoji separators, look-alike groups, escapes, line breaks, tens.
  inputs.push("a dot ".repeat(33_000), `${"a ".repeat(100_000)}xy`, "1✨".repeat(66_000), "O1 ".repeat(66_000), "&#64;".repeat(40_000), "1\n".repeat(100_000), "quarante-deux ".repeat(14_000));
  return Math.max(
    ...inputs.map((input) => {
      const started = performance.now();
      detectPii(input);
      return performance.now() - started;
    }),
  );
}

/** A hostile stream: 40,000 characters of spaced digits pushed 4 at a time, so the live suffix is always full. */
function hostileStreamMs(): number {
  const text = "1 ".repeat(20_000);
  const checker = new StreamTextChecker({ pii: { strategy: "redact" } });
  const started = performance.now();
  for (let offset = 0; offset < text.length; offset += 4) checker.push(text.slice(offset, offset + 4));
  checker.finish();
  return performance.now() - started;
}

/**
 * A reply that quotes a protected passage (every 7th word replaced) after a short original opening, streamed
 * word by word: how many characters of the passage left before the copyright block stopped the stream.
 */
function copiedCharactersBeforeBlock(): { median: number; passage: number; blocked: number; runs: number } {
  const copyright = new CopyrightIndex(protectedDocuments);
  const leaked: number[] = [];
  let blocked = 0;
  let passage = 0;
  for (const document of protectedDocuments) {
    const words = document.split(/\s+/).slice(0, 80);
    const quote = words.map((word, index) => (index % 7 === 6 ? `other${index}` : word)).join(" ");
    const opening = "Here is the passage you asked about, as I remember it. ";
    const checker = new StreamTextChecker({ blockers: [(text) => outputBlockFindings(text, { copyright })] });
    let released = "";
    let stopped = false;
    for (const token of `${opening}${quote}`.match(/\S+\s*/g) ?? []) {
      const release = checker.push(token);
      released += release.text;
      if (release.blocked !== undefined) {
        stopped = true;
        break;
      }
    }
    if (!stopped) released += checker.finish().text;
    blocked += stopped ? 1 : 0;
    passage = quote.length;
    leaked.push(Math.max(0, released.length - opening.length));
  }
  return { median: median(leaked), passage, blocked, runs: protectedDocuments.length };
}

/** Every detection figure, in the order the table prints them. */
export async function detectionFigures(): Promise<BenchFigure[]> {
  const unchecked = uncheckedCharacters();
  heldOutMisses();
  const copied = copiedCharactersBeforeBlock();
  const cost = perMessageCpu();
  return [
    ...piiFigures(),
    { metric: `detectPii CPU per message (${cost.messages} corpus and probe messages, 5 rounds)`, value: cost.micros, unit: "µs", baseline: "regex-only detector (before #16)", ratio: cost.micros / cost.baselineMicros },
    { metric: `stream: unchecked characters released (${unchecked.streams} corpus streams, random chunks)`, value: unchecked.leaked, unit: "chars", goal: 0 },
    { metric: "stream: streams whose output differs from the whole-text check", value: unchecked.differing, unit: "streams", goal: 0 },
    ...(await firstTokenFigures()),
    { metric: "stream: check cost per token (PII + copyright)", value: perTokenCost(), unit: "ms" },
    { metric: "detectPii on 200,000-character hostile inputs, worst", value: hostileInputWorstMs(), unit: "ms" },
    { metric: "stream: 40,000 characters of spaced digits, 4 per push, total", value: hostileStreamMs(), unit: "ms" },
    ...copyrightFigures(),
    { metric: `copyright in a stream: quoted passages blocked (of ${copied.runs})`, value: copied.blocked, unit: "streams", goal: copied.runs },
    { metric: `copyright in a stream: characters of an edited ${copied.passage}-character quote released before the block (median)`, value: copied.median, unit: "chars" },
  ];
}
