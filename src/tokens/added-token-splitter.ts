interface TrieNode {
  children: Map<string, TrieNode>;
  /** The added token ending here, when one does. */
  token?: string;
}

/** One piece of a text split on added tokens: either an added token (one token) or text for the model. */
export interface SplitPiece {
  text: string;
  added: boolean;
}

/**
 * Splits text on a tokenizer's added tokens the way transformers.js does (its DictionarySplitter): left to
 * right, the longest added token starting at each position. A trie walk per position, at most as deep as the
 * longest added token, so the work is linear in the text whatever it holds (a MiB of "<" or of newlines).
 *
 * @example
 * new AddedTokenSplitter(["<b>", "\n"]).split("a<b>\n") // [{ text: "a", added: false }, { text: "<b>", added: true }, { text: "\n", added: true }]
 */
export class AddedTokenSplitter {
  private readonly root: TrieNode = { children: new Map() };

  constructor(tokens: Iterable<string>) {
    for (const token of tokens) {
      if (token === "") continue;
      let node = this.root;
      // Code units, as split() walks them.
      for (const char of token.split("")) {
        let child = node.children.get(char);
        if (child === undefined) {
          child = { children: new Map() };
          node.children.set(char, child);
        }
        node = child;
      }
      node.token = token;
    }
  }

  /** The text's pieces in order; consecutive ordinary text is one piece. */
  split(text: string): SplitPiece[] {
    const pieces: SplitPiece[] = [];
    let plainFrom = 0;
    let index = 0;
    while (index < text.length) {
      let node: TrieNode | undefined = this.root.children.get(text[index]!);
      if (node === undefined) {
        index += 1;
        continue;
      }
      let longest: string | undefined;
      let at = index + 1;
      while (node !== undefined) {
        if (node.token !== undefined) longest = node.token;
        if (at >= text.length) break;
        node = node.children.get(text[at]!);
        at += 1;
      }
      if (longest === undefined) {
        index += 1;
        continue;
      }
      if (index > plainFrom) pieces.push({ text: text.slice(plainFrom, index), added: false });
      pieces.push({ text: longest, added: true });
      index += longest.length;
      plainFrom = index;
    }
    if (plainFrom < text.length) pieces.push({ text: text.slice(plainFrom), added: false });
    return pieces;
  }
}
