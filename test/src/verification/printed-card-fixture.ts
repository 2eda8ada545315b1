import { printedCard } from "../../../src/verification/pii-card-layout.ts";
import { publishedTestCard } from "../../../src/verification/pii-specimens.ts";
import { digitRun } from "../../../src/verification/pii-digits.ts";
import { normaliseForPii } from "../../../src/verification/index.ts";

/**
 * Whether a text holds a card printed in its network's layout that is no published test card (those are judged by their words). Look-alike
 * sets written before issue #16 ("a label is not a licence") hold such numbers under an order, voucher or ticket label,
 * labelled benign then; they are cards now whatever the label (src/verification/pii-card-layout.ts), so the sets'
 * "flags no look-alike" checks leave them out by this rule, not by a list.
 */
export function printsCard(text: string): boolean {
  const normal = normaliseForPii(text).text;
  return [...normal.matchAll(digitRun)].some((match) => {
    const run = match[0].trimEnd();
    return printedCard(run) && !publishedTestCard(run);
  });
}
