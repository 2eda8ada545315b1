/**
 * The detection half of the verification bench: PII recall and false positives (computed in verification-pii.ts),
 * stream checks (unchecked characters released, time to first released token against the
 * unchecked stream in the same run), and the copyright check on edited copies and ordinary text.
 */
import fs from "node:fs";
import path from "node:path";
import { checkedStream, CopyrightIndex, detectPii, outputBlockFindings, scrubPii, StreamTextChecker, type PiiScrubOptions, type StreamPart } from "../src/verification/index.ts";
import { ordinaryParagraphs } from "../test/fixtures/copyright/ordinary-text.ts";
import { corpus, heldOutMisses, perMessageCpu, piiFigures } from "./verification-pii.ts";
import type { BenchFigure } from "./types.ts";

const protectedDocuments = fs.readFileSync(path.resolve("test/fixtures/copyright/protected.txt"), "utf8").split(/\n\s*\n/);

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
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
