import { SwitchyardError } from "../errors.ts";

export interface InputTooLargeDetails {
  /** UTF-8 bytes of the request's input. */
  inputBytes: number;
  /** Tokens of the input: a lower bound, an exact count or an estimate, as `tokensAre` says. */
  tokens: number;
  /** "at least": tokensLowerBound (no counting done); "counted": exact; "estimated": the bounded counter estimated part of it. */
  tokensAre: "at least" | "counted" | "estimated";
  /** The largest context window anywhere in the request's fallback chain. */
  largestWindow: number;
  /** The group, and deployment, that has it. */
  group: string;
  deployment: string;
  /** The group the request asked for. */
  requestedGroup: string;
}

/**
 * An input that no deployment in the request's whole fallback chain can hold, refused at `accept` before any
 * token counting or backend call.
 *
 * @example
 * if (error instanceof InputTooLargeError) console.error(error.tokens, error.largestWindow);
 */
export class InputTooLargeError extends SwitchyardError {
  readonly inputBytes: number;
  readonly tokens: number;
  readonly tokensAre: InputTooLargeDetails["tokensAre"];
  readonly largestWindow: number;
  readonly group: string;
  readonly deployment: string;
  readonly requestedGroup: string;

  constructor(details: InputTooLargeDetails) {
    const fitsBytes = Math.floor((details.largestWindow * details.inputBytes) / details.tokens);
    const tokens = details.tokensAre === "at least" ? `at least ${details.tokens} tokens` : `${details.tokens} tokens${details.tokensAre === "estimated" ? " (estimated)" : ""}`;
    super(
      "input_too_large",
      `request.input is too large for every context window: ${details.inputBytes} bytes are ${tokens}, ` +
        `and the largest context window in the fallback chain of group "${details.requestedGroup}" is ${details.largestWindow} tokens ` +
        `(deployment "${details.deployment}" in group "${details.group}"). Fix: shorten the input (below about ${fitsBytes} bytes of such text), ` +
        `or add a group with a larger context_window to the chain (model_groups[].fallbacks or context_window_fallback).`,
    );
    this.inputBytes = details.inputBytes;
    this.tokens = details.tokens;
    this.tokensAre = details.tokensAre;
    this.largestWindow = details.largestWindow;
    this.group = details.group;
    this.deployment = details.deployment;
    this.requestedGroup = details.requestedGroup;
  }
}
