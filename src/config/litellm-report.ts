/** What became of one LiteLLM setting: carried over, carried over with a change of meaning, or not imported. */
export type ImportStatus = "mapped" | "approximated" | "not_imported";

export interface ImportNote {
  /** Where it was in the LiteLLM file: `model_list[0].litellm_params.rpm`. */
  path: string;
  status: ImportStatus;
  /** Where it went in switchyard.yaml, when it went somewhere. */
  to?: string;
  note?: string;
}

/**
 * The import's account of every setting. `sweep` walks the LiteLLM file afterwards and reports every value no
 * mapping claimed as not imported: a setting can be translated, approximated or refused, never lost.
 *
 * @example
 * const report = new ImportReport();
 * report.mapped("router_settings.num_retries", "retry.max_retries");
 * report.sweep(litellmConfig); // anything else: not_imported, "no switchyard equivalent"
 */
export class ImportReport {
  readonly notes: ImportNote[] = [];
  readonly #claimed = new Set<string>();

  mapped(path: string, to: string, note?: string): void {
    this.#add({ path, status: "mapped", to, ...(note ? { note } : {}) });
  }

  approximated(path: string, to: string, note: string): void {
    this.#add({ path, status: "approximated", to, note });
  }

  notImported(path: string, note: string): void {
    this.#add({ path, status: "not_imported", note });
  }

  /** Claims a path without a note of its own (a container whose parts are reported one by one). */
  claim(path: string): void {
    this.#claimed.add(path);
  }

  /** Reports every leaf of `input` under no claimed path as not imported. */
  sweep(input: unknown, path = ""): void {
    if (path !== "" && this.#isClaimed(path)) return;
    if (Array.isArray(input) && input.length > 0) input.forEach((item, index) => this.sweep(item, `${path}[${index}]`));
    else if (typeof input === "object" && input !== null && !Array.isArray(input) && Object.keys(input).length > 0) {
      for (const [key, value] of Object.entries(input)) this.sweep(value, path === "" ? key : `${path}.${key}`);
    } else if (path !== "") this.notImported(path, "no switchyard equivalent");
  }

  #add(note: ImportNote): void {
    this.notes.push(note);
    this.#claimed.add(note.path);
  }

  #isClaimed(path: string): boolean {
    for (let current = path; current !== ""; current = current.replace(/(\.[^.[\]]+|\[\d+\])$|^[^.[\]]+$/, "")) {
      if (this.#claimed.has(current)) return true;
    }
    return false;
  }
}
