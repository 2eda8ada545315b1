import { z } from "zod";

/**
 * URL fields of switchyard.yaml, checked at load: a URL that cannot reach anything (a typo in the scheme,
 * a space, no host) would otherwise surface much later as a retried server_error on every request.
 * Problems carry their own fix in `params.fix`, which src/config/issues.ts prints.
 */

/** Why `value` is not a URL of one of `schemes` with a host, or undefined when it is. */
export function urlProblem(value: string, schemes: readonly string[]): string | undefined {
  const expected = schemes.map((scheme) => `${scheme}://HOST[:PORT]`).join(" or ");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(value)?.[1];
  const problems: string[] = [];
  if (scheme === undefined) problems.push(`it has no scheme (expected ${expected})`);
  else if (!schemes.includes(scheme.toLowerCase())) problems.push(`the scheme "${scheme}" is not ${schemes.map((known) => `"${known}"`).join(" or ")}`);
  // WHATWG URL parsing forgives "http:/host" and "http:host"; a config should say what it means.
  else if (!value.slice(scheme.length + 1).startsWith("//")) problems.push(`"${scheme}:" must be followed by "//" and a host`);
  if (/\s/.test(value)) problems.push("it contains a space");
  if (problems.length > 0) return problems.join("; ");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "its host or port cannot be parsed";
  }
  if (url.hostname === "") return "it has no host";
  return undefined;
}

/**
 * A string field that must be a URL of one of `schemes` (or one of `words`, such as `emulator`).
 *
 * @example
 * const baseUrl = urlField(["http", "https"], { words: ["emulator"], example: "http://127.0.0.1:11434" });
 */
export function urlField(schemes: readonly string[], options: { words?: readonly string[]; example: string }) {
  const words = options.words ?? [];
  const fix = `write a full URL such as ${options.example}${words.length > 0 ? `, or the word ${words.join(" or ")}` : ""}`;
  return z.string().superRefine((value, context) => {
    if (words.includes(value)) return;
    const problem = urlProblem(value, schemes);
    if (problem !== undefined) context.addIssue({ code: "custom", message: `not a usable URL: ${problem}`, params: { fix } });
  });
}

/** A SQLite file path, ":memory:", or a postgres:// URL: anything that looks like a URL must be a good postgres one. */
export const checkpointsUrlField = z.string().min(1).superRefine((value, context) => {
  // A one-letter "scheme" is a Windows drive (C:/data/state.db), not a URL.
  if (!/^[A-Za-z][A-Za-z0-9+.-]+:\//.test(value)) return;
  const problem = urlProblem(value, ["postgres", "postgresql"]);
  if (problem !== undefined) {
    context.addIssue({
      code: "custom",
      message: `not a usable URL: ${problem}`,
      params: { fix: "write a SQLite file path, :memory:, or a URL such as postgres://user@127.0.0.1:5432/db" },
    });
  }
});
