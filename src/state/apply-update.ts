import { isBaseMessage, type BaseMessage } from "@langchain/core/messages";
import type { GatewayStateUpdate, GatewayStateValue } from "./gateway-state.ts";

const messagesOf = (update: GatewayStateUpdate): BaseMessage[] => (Array.isArray(update.messages) ? update.messages.filter((message): message is BaseMessage => isBaseMessage(message)) : []);

/**
 * The state a node sees after `update`, for nodes that run several steps in one superstep: plain fields are
 * replaced (an explicit `undefined` clears them), `attempts` and `messages` are appended as their reducers
 * would (steps folded into one node only ever append to them, and only message objects).
 */
export function applyUpdate(state: GatewayStateValue, update: GatewayStateUpdate): GatewayStateValue {
  const { attempts, messages, ...rest } = update;
  const next = { ...state, ...rest } as GatewayStateValue;
  if (Array.isArray(attempts)) next.attempts = [...state.attempts, ...attempts];
  if (Array.isArray(messages)) next.messages = [...state.messages, ...messagesOf(update)];
  return next;
}

/** One update with the effect of `first` then `second`: the folded node's return value. */
export function mergeUpdates(first: GatewayStateUpdate, second: GatewayStateUpdate): GatewayStateUpdate {
  const attempts = [...(Array.isArray(first.attempts) ? first.attempts : []), ...(Array.isArray(second.attempts) ? second.attempts : [])];
  const messages = [...messagesOf(first), ...messagesOf(second)];
  return { ...first, ...second, ...(attempts.length > 0 ? { attempts } : {}), ...(messages.length > 0 ? { messages } : {}) };
}
