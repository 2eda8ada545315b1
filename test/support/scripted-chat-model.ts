import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { AIMessageChunk } from "@langchain/core/messages";

/** One scripted reply: text, a full AIMessage (tool calls, usage), or an error to throw. */
export type ScriptedReply = string | AIMessage | Error;

/** What one call received: its messages and the call options bound onto the model (tools, response_format, ...). */
export interface RecordedCall {
  messages: BaseMessage[];
  options: Record<string, unknown>;
}

/**
 * A strict scripted chat model for unit tests: replies per call in order, every call recorded, a call past
 * the script throws, and `leftovers()` reports replies the test never consumed.
 *
 * @example
 * const model = new ScriptedChatModel(['["billing","high"]']);
 * await model.invoke([new HumanMessage("hi")]);
 * expect(model.calls).toHaveLength(1);
 */
export class ScriptedChatModel extends BaseChatModel {
  readonly calls: RecordedCall[] = [];
  private readonly replies: ScriptedReply[];

  constructor(replies: ScriptedReply[]) {
    super({});
    this.replies = [...replies];
  }

  _llmType(): string {
    return "scripted";
  }

  /** Replies not consumed yet. */
  leftovers(): ScriptedReply[] {
    return [...this.replies];
  }

  override bindTools(tools: BindToolsInput[], kwargs: Partial<BaseChatModelCallOptions> = {}): Runnable<BaseLanguageModelInput, AIMessageChunk> {
    return this.withConfig({ ...kwargs, tools } as Partial<BaseChatModelCallOptions>);
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const { signal: _signal, ...rest } = options as Record<string, unknown>;
    this.calls.push({ messages, options: rest });
    const reply = this.replies.shift();
    if (reply === undefined) {
      throw new Error(`ScriptedChatModel: call ${this.calls.length} has no scripted reply (script had ${this.calls.length - 1})`);
    }
    if (reply instanceof Error) throw reply;
    const message = typeof reply === "string" ? new AIMessage(reply) : reply;
    return { generations: [{ message, text: typeof message.content === "string" ? message.content : "" }] };
  }
}
