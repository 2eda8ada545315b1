import type { BaseMessage } from "@langchain/core/messages";
import { isPinned, roleOf, type MessageUnit } from "./message-parts.ts";

/**
 * Units no strategy may drop: system messages, units tagged `pinned`, and the last exchange (from the
 * last user message to the end; the last unit when there is no user message).
 */
export function pinnedUnits(units: readonly MessageUnit[]): Set<number> {
  const pinned = new Set<number>();
  let lastHuman = -1;
  for (let index = 0; index < units.length; index += 1) {
    const unit = units[index]!;
    const first = unit.messages[0] as BaseMessage;
    if (roleOf(first) === "system" || unit.messages.some(isPinned)) pinned.add(index);
    if (roleOf(first) === "human") lastHuman = index;
  }
  const from = lastHuman >= 0 ? lastHuman : units.length - 1;
  for (let index = Math.max(0, from); index < units.length; index += 1) pinned.add(index);
  return pinned;
}
