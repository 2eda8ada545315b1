/** Options shared by the per-provider schema normalisers. */
export interface NormalizeOptions {
  /** Told about every keyword stripped because the provider does not support it (path, keyword). */
  onDropped?: (path: string, keyword: string) => void;
}
