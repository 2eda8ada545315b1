import { Tiktoken } from "js-tiktoken/lite";
import o200k from "js-tiktoken/ranks/o200k_base";

let encoder: Tiktoken | undefined;

/** Tokens in a text under o200k_base, from the ranks bundled with js-tiktoken (never the network). */
export function countTokens(text: string): number {
  if (text === "") return 0;
  encoder ??= new Tiktoken(o200k);
  return encoder.encode(text).length;
}
