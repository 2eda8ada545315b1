/**
 * A normaliser stage for addresses a metrics or logging pipeline sanitised into an identifier: Prometheus label values,
 * StatsD and Graphite names keep only letters, digits and "_", so "kadri.tamm@proton.me" is exported as
 * "kadri_tamm_at_proton_me". A whole quoted value of that shape, whose last part is a top-level domain mail is
 * commonly at, is read back as the address ("_at_" an "@", the domain's "_" its dots); the handle keeps its "_",
 * which addresses allow. A column name ("created_at_utc_ts") ends in no such domain. The "@" maps back to the whole
 * "_at_" (`rewrite`), so a redaction covers it.
 */
import { rewrite, type Edit } from "./pii-separators.ts";
import type { NormalisedText } from "./pii-normalised-text.ts";

/** Top-level domains mail is commonly at: generic ones and the country codes of the corpora's languages. */
const mailTlds = new Set("com net org edu gov info biz me io co uk de fr es it pt nl be ch at pl cz sk hu ro bg gr ee lv lt fi se no dk is ie ru ua tr il in sg hk tw jp kr cn th au nz ca us mx br ar cl uy za".split(" "));

/** A whole quoted value: a handle of up to six "_"-joined parts, "_at_", a domain of two to five parts. */
const sanitised = /(?<=["'=])([a-z0-9]{1,30}(?:_[a-z0-9]{1,30}){0,5})_at_([a-z0-9]{1,30}(?:_[a-z0-9]{1,30}){1,4})(?=["',}\s])/gu;

/**
 * Reads sanitised addresses back.
 *
 * @example
 * readSanitisedAddresses(text('login{user="kadri_tamm_at_proton_me"}')).text // 'login{user="kadri_tamm@proton.me"}'
 */
export function readSanitisedAddresses(input: NormalisedText): NormalisedText {
  if (!input.text.includes("_at_")) return input;
  const edits: Edit[] = [];
  for (const match of input.text.matchAll(sanitised)) {
    const [, handle = "", domain = ""] = match;
    if (!mailTlds.has(domain.slice(domain.lastIndexOf("_") + 1))) continue;
    const at = match.index + handle.length;
    edits.push({ start: at, end: at + 4, by: "@" });
    for (let offset = domain.indexOf("_"); offset !== -1; offset = domain.indexOf("_", offset + 1)) edits.push({ start: at + 4 + offset, end: at + 5 + offset, by: "." });
  }
  return edits.length === 0 ? input : { ...rewrite(input, edits), spelled: input.spelled };
}
