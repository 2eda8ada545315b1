import { isObjectSchema, nonNullBranches, type JsonSchema } from "../output-modes/json-schema.ts";
import { writeKeyValueLines } from "../output-modes/key-value-lines.ts";
import { encodePositional } from "../output-modes/positional-codec.ts";
import type { OutputMode } from "../output-modes/protocol.ts";

/**
 * The text a model following the output-mode protocol sends: JSON for emit, the positional array for
 * compressed, loose `key: value` lines for reconstruct. `droppedKey` removes that position from the
 * positional array (a missing field shows as a short array, as it would from a real model).
 */
export function renderAnswer(mode: OutputMode, schema: JsonSchema | undefined, value: unknown, options: { droppedKey?: string; proseFirst?: boolean } = {}): string {
  if (mode === "emit" || schema === undefined) return JSON.stringify(value);
  if (mode === "compressed") {
    const encoded = encodePositional(schema, value);
    const branch = nonNullBranches(schema)[0] ?? schema;
    if (options.droppedKey !== undefined && Array.isArray(encoded) && isObjectSchema(branch)) {
      const position = Object.keys(branch.properties).indexOf(options.droppedKey);
      if (position >= 0) encoded.splice(position, 1);
    }
    return JSON.stringify(encoded);
  }
  return renderKeyValueLines(value, options.proseFirst === true);
}

function renderKeyValueLines(value: unknown, proseFirst: boolean): string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return JSON.stringify(value);
  const lines = writeKeyValueLines(value as Record<string, unknown>);
  return proseFirst ? `Here is what I found in the ticket:\n${lines}` : lines;
}

/** A deterministic short reply to a plain chat prompt. */
export function plainReply(prompt: string): string {
  const words = prompt.trim().split(/\s+/).filter((word) => word !== "");
  const snippet = words.slice(0, 8).join(" ");
  return words.length === 0 ? "Hello! How can I help?" : `You asked about "${snippet}${words.length > 8 ? " ..." : ""}". Here is a short answer from the emulator (${words.length} words read).`;
}

/** Splits an answer into the pieces a stream sends, on word boundaries where it can. */
export function streamPieces(text: string, size = 16): string[] {
  if (text === "") return [];
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const space = text.indexOf(" ", end);
    if (space > 0 && space - start < size * 2) end = space + 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
