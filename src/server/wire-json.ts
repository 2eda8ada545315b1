interface MessageLike {
  toDict(): { type: string; data: Record<string, unknown> };
}

const isMessage = (value: object): value is MessageLike => "toDict" in value && typeof value.toDict === "function";

/** What a LangChain message looks like on the wire. */
function messageDict(message: MessageLike): Record<string, unknown> {
  const dict = message.toDict();
  return { ...dict.data, type: dict.type };
}

function replace(this: Record<string, unknown>, key: string, current: unknown): unknown {
  const raw = this[key];
  return typeof raw === "object" && raw !== null && isMessage(raw) ? messageDict(raw) : current;
}

/** A walk that meets an object serialising itself (`toJSON`, not a message or Date) gives up to the replacer. */
const unsure = Symbol("unsure");

/** `value` with every message turned into its wire dict, copying only the containers on the way to one. */
function withMessageDicts(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (isMessage(value)) return withMessageDicts(messageDict(value), depth + 1);
  if (value instanceof Date) return value;
  if (depth > 200 || ("toJSON" in value && typeof value.toJSON === "function")) return unsure;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const converted = withMessageDicts(item, depth + 1);
      if (converted === unsure) return unsure;
      if (converted !== item) (copy ??= value.slice())[index] = converted;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const converted = withMessageDicts(item, depth + 1);
    if (converted === unsure) return unsure;
    if (converted !== item) (copy ??= { ...value })[key] = converted;
  }
  return copy ?? value;
}

/**
 * JSON for the wire: LangChain messages become `{ ...data, type }` (what the SDK and Studio read) instead
 * of their constructor serialisation. Messages are swapped in by one walk that copies only what leads to
 * one, then JSON.stringify runs without a replacer (a replacer is called for every value: 3x slower on a
 * gateway state); values that serialise themselves in other ways take the replacer path.
 *
 * @example
 * toWireJson({ messages: [new HumanMessage("hi")] }) // '{"messages":[{"content":"hi",...,"type":"human"}]}'
 */
export function toWireJson(value: unknown): string {
  const converted = withMessageDicts(value, 0);
  return converted === unsure ? JSON.stringify(value, replace) : JSON.stringify(converted);
}
