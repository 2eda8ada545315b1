import { isBaseMessage, type BaseMessage } from "@langchain/core/messages";
import { Overwrite } from "@langchain/langgraph";
import type { Attempt, GatewayStateUpdate, GatewayStateValue } from "./gateway-state.ts";

const messagesOf = (update: GatewayStateUpdate): BaseMessage[] => (Array.isArray(update.messages) ? update.messages.filter((message): message is BaseMessage => isBaseMessage(message)) : []);

/** The attempts an update appends, or with `Overwrite` (accept on a reused thread) the list it starts anew. */
function attemptsOf(update: GatewayStateUpdate): { overwrite: boolean; attempts: Attempt[] } {
  const value: unknown = update.attempts;
  if (value instanceof Overwrite) return { overwrite: true, attempts: value.value as Attempt[] };
  return { overwrite: false, attempts: Array.isArray(value) ? (value as Attempt[]) : [] };
}

/**
 * The state a node sees after `update`, for nodes that run several steps in one superstep: plain fields are
 * replaced (an explicit `undefined` clears them), `attempts` and `messages` are appended as their reducers
 * would (steps folded into one node only ever append to them, and only message objects); an `Overwrite` of
 * `attempts` (accept on a reused thread) starts the list anew, as the reducer does.
 */
export function applyUpdate(state: GatewayStateValue, update: GatewayStateUpdate): GatewayStateValue {
  const { attempts: _attempts, messages, ...rest } = update;
  const next = { ...state, ...rest } as GatewayStateValue;
  if (update.attempts !== undefined) {
    const { overwrite, attempts } = attemptsOf(update);
    next.attempts = overwrite ? [...attempts] : [...state.attempts, ...attempts];
  }
  if (Array.isArray(messages)) next.messages = [...state.messages, ...messagesOf(update)];
  return next;
}

/** One update with the effect of `first` then `second`: the folded node's return value. */
export function mergeUpdates(first: GatewayStateUpdate, second: GatewayStateUpdate): GatewayStateUpdate {
  const before = attemptsOf(first);
  const after = attemptsOf(second);
  const attempts = after.overwrite ? second.attempts : before.overwrite ? new Overwrite([...before.attempts, ...after.attempts]) : [...before.attempts, ...after.attempts];
  const messages = [...messagesOf(first), ...messagesOf(second)];
  const hasAttempts = before.overwrite || after.overwrite || (attempts as Attempt[]).length > 0;
  return { ...first, ...second, ...(hasAttempts ? { attempts } : {}), ...(messages.length > 0 ? { messages } : {}) } as GatewayStateUpdate;
}

/**
 * `update` without the fields it clears (sets to `undefined`) that `state` does not hold either: a folded
 * node's merged update clears what an earlier step of it set (check_output clears the call its call step
 * made), which on a thread that never held the field is a write that changes nothing. Why drop it: LangGraph
 * validates, versions and checkpoints every field written, and the saver writes an `undefined` through
 * JsonPlus's slow path (docs/gateway.md).
 */
export function withoutIdleClears(state: GatewayStateValue, update: GatewayStateUpdate): GatewayStateUpdate {
  const idle = (Object.keys(update) as (keyof GatewayStateUpdate)[]).filter((key) => update[key] === undefined && state[key as keyof GatewayStateValue] === undefined);
  if (idle.length === 0) return update;
  const kept: GatewayStateUpdate = { ...update };
  for (const key of idle) delete kept[key];
  return kept;
}
