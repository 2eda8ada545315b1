import { JsonPlusSerializer, type SerializerProtocol } from "@langchain/langgraph-checkpoint";

/** Deeper trees take the serializer's own path, which also guards against cycles. */
const maxPlainDepth = 64;

function isPlainJson(value: unknown, depth: number): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object": {
      if (depth > maxPlainDepth) return false;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1) {
          if (!isPlainJson(value[index], depth + 1)) return false;
        }
        return true;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** An object whose `toJSON` JSON.stringify would call (a LangChain message, say), not a plain object. */
function hasOwnJson(value: unknown): value is { toJSON: (key: string) => unknown } {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype !== Object.prototype && prototype !== null && typeof (value as { toJSON?: unknown }).toJSON === "function";
}

/**
 * The serializer's text for a list of objects that serialize themselves (a `messages` channel value, or a
 * node's write to it), when each one's `toJSON` gives plain JSON; undefined otherwise. Exact because
 * JSON.stringify calls an element's `toJSON(index)` before the serializer's replacer sees the element, and
 * the replacer leaves a plain tree as it is (see FastSerde). Why: such lists took the serializer's own path,
 * its cycle walk over every message and a replacer call per node, about a third of the saver's time per
 * gateway request (docs/gateway.md), and a thread's whole history is written again with each new message.
 */
function serializedListText(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const serialized: unknown[] = new Array(value.length);
  for (let index = 0; index < value.length; index += 1) {
    const element: unknown = value[index];
    if (!hasOwnJson(element)) return undefined;
    serialized[index] = element.toJSON(String(index));
  }
  return isPlainJson(serialized, 0) ? JSON.stringify(serialized) : undefined;
}

/**
 * The default JsonPlusSerializer with a fast lane for the common case, byte-for-byte compatible with it.
 *
 * Writing: a tree of plain objects, arrays, strings, finite numbers, booleans and null comes out of
 * JsonPlusSerializer exactly as `JSON.stringify` writes it (its replacer only rewrites undefined, Set, Map,
 * RegExp, Error, Uint8Array, Send and class instances with toJSON), so such trees skip the per-node replacer
 * and the cycle walk; so does a list of messages whose own `toJSON` gives such a tree. Reading: its reviver only rewrites objects with an `lc` key, so JSON text without the
 * characters `"lc"` is parsed directly, without the async walk that rebuilds every object and array.
 * Anything else, and any custom serde, goes through the serde unchanged.
 */
export class FastSerde {
  private readonly fast: boolean;

  constructor(private readonly serde: SerializerProtocol) {
    // A subclass may change the encoding; only the exact default class is known to match the fast lane.
    this.fast = Object.getPrototypeOf(serde) === JsonPlusSerializer.prototype;
  }

  /** Same result as `serde.dumpsTyped(value)`. */
  async dumpsTyped(value: unknown): Promise<[string, Uint8Array]> {
    return this.dumpsTypedNow(value);
  }

  /** Same result as `serde.dumpsTyped(value)`, without a promise when the fast lane applies (hot paths). */
  dumpsTypedNow(value: unknown): [string, Uint8Array] | Promise<[string, Uint8Array]> {
    const text = this.plainText(value);
    return text === undefined ? this.serde.dumpsTyped(value) : ["json", Buffer.from(text, "utf8")];
  }

  /**
   * The text of `serde.dumpsTyped(value)` when the fast lane applies (its type is then "json"), without a
   * promise: the saver's hot paths serialize synchronously and fall back to dumpsTyped when undefined.
   */
  plainText(value: unknown): string | undefined {
    if (!this.fast) return undefined;
    return isPlainJson(value, 0) ? JSON.stringify(value) : serializedListText(value);
  }

  /** Same result as `serde.loadsTyped(type, bytes)`. */
  async loadsTyped(type: string, bytes: Uint8Array | string): Promise<unknown> {
    if (!this.fast || type !== "json") return this.serde.loadsTyped(type, bytes);
    const text = typeof bytes === "string" ? bytes : decodeText(bytes);
    return isPlainText(text) ? (JSON.parse(text) as unknown) : this.serde.loadsTyped(type, text);
  }

  /** The wrapped serde's own `loadsTyped`: for a caller that already tried `parsePlain`. */
  reviveTyped(type: string, bytes: Uint8Array | string): Promise<unknown> {
    return this.serde.loadsTyped(type, bytes);
  }

  /**
   * The value, when the fast lane applies: then it is exactly `JSON.parse`'s result (plain objects, arrays
   * and primitives only), which `cloneJson` can copy. Undefined when the serde must revive the text.
   */
  parsePlain(type: string, bytes: Uint8Array | string): { value: unknown } | undefined {
    if (!this.fast || type !== "json") return undefined;
    const text = typeof bytes === "string" ? bytes : decodeText(bytes);
    return isPlainText(text) ? { value: JSON.parse(text) as unknown } : undefined;
  }

  /** True when this is the exact default serializer, whose JSON texts can be nested inside one another. */
  get isDefault(): boolean {
    return this.fast;
  }
}

/** The reviver only rewrites objects with an `lc` key; a `\u` escape could spell that key. */
function isPlainText(text: string): boolean {
  return !text.includes('"lc"') && !text.includes("\\u");
}

function decodeText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}
