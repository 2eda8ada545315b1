import type { BaseMessage } from "@langchain/core/messages";
import { messagesStateReducer, ReducedValue } from "@langchain/langgraph";
import { z } from "zod";
import { countMessageText } from "../tokens/count-text.ts";
import { countedText } from "../tokens/counted-text.ts";
import { TOKEN_COUNTS_KEY, type TokenCountStamp, type TokenizerName } from "../tokens/token-stamp.ts";

/**
 * Counts messages once, where they enter state, and stamps the counts on them, so that every later trim
 * (in any process, after any checkpoint round trip) reads them instead of counting. Messages already
 * stamped for every tokenizer are left alone.
 */
export function stampTokenCounts(messages: readonly BaseMessage[], tokenizers: readonly TokenizerName[] = ["estimate"]): void {
  for (const message of messages) {
    const metadata = (message.response_metadata ?? {}) as Record<string, unknown>;
    const previous = metadata[TOKEN_COUNTS_KEY] as Partial<TokenCountStamp> | undefined;
    if (previous !== undefined && tokenizers.every((tokenizer) => typeof previous[tokenizer] === "number")) continue;
    const text = countedText(message);
    const stamp: TokenCountStamp = { ...(previous?.length === text.length ? previous : {}), length: text.length };
    for (const tokenizer of tokenizers) stamp[tokenizer] ??= countMessageText(text, tokenizer);
    metadata[TOKEN_COUNTS_KEY] = stamp;
    message.response_metadata = metadata;
  }
}

/**
 * A `messages` state field like LangGraph's MessagesValue (same reducer: append, replace by id,
 * RemoveMessage) that stamps token counts on the messages as they enter state (see stampTokenCounts).
 * The estimate costs about 1 µs per 200 characters; exact tokenizers cost far more, so list them only
 * when the thread's models use them.
 *
 * @example
 * const State = new StateSchema({ messages: countedMessagesValue(["estimate", "o200k_base"]) });
 */
export function countedMessagesValue(tokenizers: readonly TokenizerName[] = ["estimate"]) {
  return new ReducedValue(z.custom<BaseMessage[]>().default(() => []), {
    inputSchema: z.custom<Parameters<typeof messagesStateReducer>[1]>(),
    reducer: (left: BaseMessage[], right: Parameters<typeof messagesStateReducer>[1]) => {
      const merged = messagesStateReducer(left, right);
      stampTokenCounts(merged, tokenizers);
      return merged;
    },
    jsonSchemaExtra: { langgraph_type: "messages", description: "A list of chat messages, with token counts" },
  });
}

/** The estimate-stamping messages field (see countedMessagesValue). */
export const CountedMessagesValue = countedMessagesValue();
