/**
 * Strings and enum values become integers for the solver; the table maps them back for counterexamples.
 *
 * @example
 * const interner = new StringInterner();
 * interner.id("locked"); // 0
 * interner.text(0); // "locked"
 */
export class StringInterner {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
    }
    return id;
  }

  text(id: number): string | undefined {
    return this.texts[id];
  }
}
