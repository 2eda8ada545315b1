/**
 * The text of a message's content: a string as it is, the text parts of multimodal content joined, any
 * other part as its JSON (so it still counts, for tokens or hashing).
 *
 * @example
 * contentText([{ type: "text", text: "a" }, { type: "text", text: "b" }]) // "a\nb"
 */
export function contentText(content: unknown, separator = "\n"): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? "" : JSON.stringify(content);
  return content
    .map((part: unknown) => {
      if (typeof part === "string") return part;
      if (typeof part === "object" && part !== null && "text" in part && typeof part.text === "string") return part.text;
      return JSON.stringify(part);
    })
    .join(separator);
}

/**
 * The text a reply shows: a string as it is, else only the text parts of its content blocks, joined with
 * nothing between them (how a streamed or multi-part answer reads); anything else is no text.
 *
 * @example
 * replyText([{ type: "text", text: "{\"a\":" }, { type: "text", text: "1}" }]) // "{\"a\":1}"
 */
export function replyText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part: unknown) => (typeof part === "object" && part !== null && "text" in part && typeof part.text === "string" ? part.text : "")).join("");
}
