/**
 * The one form of an action name that checks and execution both use: NFKC (full-width letters), zero-width
 * characters removed, lower case, and `-`, `.`, spaces as `_`. So `DELETE_RECORD`, `ｄｅｌｅｔｅ_record`,
 * `delete-record` and `dele\u200Bte_record` all name `delete_record`, and a tool runs under the name that was
 * checked.
 *
 * @example
 * normaliseActionName("DELETE-Record"); // "delete_record"
 */
export function normaliseActionName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s.\-]+/g, "_");
}
