/**
 * Cue stems (pii-cues.ts conventions: `^` starts the word, any other stands anywhere in it) for the national ids of
 * pii-regional-ids.ts and a few more: the names people and forms give them. Kept apart from the main list so the ids
 * and their names are read together.
 */
export const regionalIdCueStems = [
  // Singapore: NRIC/FIN, "my IC"; Hong Kong and Taiwan: 身份證 / 身分證 (both characters in use), 統一編號 (unified number).
  "^fin$ ^ic$ 身分證 身份證 身分证 統一編號 ^identity",
  // Iceland: kennitala, "kt."; Uruguay and the rest of Latin America: cédula de identidad ("CI" is left out: it names continuous integration as often).
  "^kennitala ^kt$ ^identidad",
  // Austria: Sozialversicherungsnummer, SV-Nummer, SV-Nr., Versicherungsnummer (the e-card carries it).
  "^sv$ ^sv-?n ^svnr versicherungsnummer ^e-card",
  // Thailand: เลขประจำตัวประชาชน (already "ประชาชน"); in English keys, citizen_id.
  "^citizen",
].join(" ");
