// A copy of test/src/tokens/fuzz-texts.ts: benches do not import from test/.
/**
 * Seeded texts that exercise tokenizers where they differ: unicode (accents, CJK, emoji, combining marks,
 * lone surrogates), code, numbers, long words, whitespace runs, contractions and added-token look-alikes.
 */
export function fuzzTexts(count: number, seed: number, maxPieces = 80): string[] {
  const alphabet = [
    ..."abcXYZ 019\n\r\t.,'!?-_()[]{}éü日本ßΩ/\\\"<>=;:#@$%&*+|~`",
    "😀", "\u{1F9EA}", "\u0301", "'s", "'re", "'LL", "  ", "\n\n", "\n\n\n", "\ud800", "xxxxxxxxxx", "          ", "\t\t",
    "hello ", "world", " the", "<b>", "</td>", "▁", "ﬀ", "\u0000", "Ilse", " Porto", "2026-03-14", "3.14159", "1,234,567",
    "const x = await fetch(url);", "def f(a, b):\n    return a+b", "SELECT * FROM users;", "naïve café", "Привет", "مرحبا", "こんにちは",
    "supercalifragilisticexpialidocious", "antidisestablishmentarianism", "https://example.com/a?b=c", "0xDEADBEEF",
  ];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * maxPieces) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
}
