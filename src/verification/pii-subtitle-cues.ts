/**
 * A normaliser stage for subtitles (SRT, WebVTT): a cue's number, its timing line and WebVTT's voice and class tags are
 * no part of what is said, and a value read across two cues ("my card is 4861 3002" | "8692 8092") is one value. Each
 * cue break reads as one space; the timecodes' digits are gone from the text the detectors see, so they make no number
 * of their own either. Only a text with a timing arrow ("-->") is read so.
 * In the examples, `text(s)` is `s` as a NormalisedText whose characters map to themselves.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

const timecode = String.raw`(?:\d{1,2}:)?\d{2}:\d{2}[.,]\d{3}`;
/** A line break, a blank line and a cue number, then the timing line (with WebVTT's cue settings after it). */
const cueBreak = new RegExp(String.raw`(?:^|\n)(?:\n*\d{1,6}\n)?${timecode}[ \t]*-->[ \t]*${timecode}[^\n]{0,80}(?:\n|$)`, "g");
const voiceTag = /<\/?(?:v|c|i|b|u|lang)(?:\.[\w.-]{1,30})?(?:[ \t][^<>\n]{1,40})?>/g;

/**
 * Reads a subtitle file's cues as one text.
 *
 * @example
 * joinSubtitleCues(text("1\n00:00:01,000 --> 00:00:02,000\ncall 0161\n\n2\n00:00:02,100 --> 00:00:03,000\n496 0000")).text // " call 0161 496 0000"
 */
export function joinSubtitleCues(input: NormalisedText): NormalisedText {
  if (!input.text.includes("-->")) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(cueBreak)) edits.push({ start: match.index, end: match.index + match[0].length, by: " " });
  for (const match of input.text.matchAll(voiceTag)) edits.push({ start: match.index, end: match.index + match[0].length, by: "" });
  edits.sort((left, right) => left.start - right.start);
  const kept: Edit[] = [];
  for (const edit of edits) if (edit.start >= (kept.at(-1)?.end ?? 0)) kept.push(edit);
  return { ...rewrite(input, kept), spelled: input.spelled };
}
