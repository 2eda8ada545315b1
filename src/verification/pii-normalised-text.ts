/** The normalised text and, per normalised character, the offset of the original character it came from. */
export interface NormalisedText {
  text: string;
  /** `starts[i]` to `ends[i]` is the span of the original text that `text[i]` came from. */
  starts: number[];
  ends: number[];
  /** Spans of `text` that were spelled-out digits: spelling a number out is itself a sign it is personal data. */
  spelled: Array<[number, number]>;
}
