/**
 * JSON for the wire: LangChain messages become `{ ...data, type }` (what the SDK and Studio read) instead
 * of their constructor serialisation.
 */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, function replace(this: Record<string, unknown>, key: string, current: unknown) {
    const raw = this[key];
    if (typeof raw === "object" && raw !== null && "toDict" in raw && typeof raw.toDict === "function") {
      const dict = (raw.toDict as () => { type: string; data: Record<string, unknown> })();
      return { ...dict.data, type: dict.type };
    }
    return current;
  });
}
