/**
 * A progress bar on stderr. On a terminal it redraws in place; elsewhere (CI logs) it prints a line at
 * each tenth, so logs stay short.
 */
export class ProgressBar {
  readonly #total: number;
  readonly #label: string;
  readonly #stream: NodeJS.WriteStream;
  #done = 0;
  #lastDecile = -1;

  constructor(total: number, label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.#total = Math.max(1, total);
    this.#label = label;
    this.#stream = stream;
  }

  tick(count = 1): void {
    this.#done = Math.min(this.#total, this.#done + count);
    const fraction = this.#done / this.#total;
    if (this.#stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.#stream.write(`\r${this.#label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${this.#done}/${this.#total}`);
      if (this.#done === this.#total) this.#stream.write("\n");
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile !== this.#lastDecile) {
      this.#lastDecile = decile;
      this.#stream.write(`${this.#label}: ${this.#done}/${this.#total}\n`);
    }
  }
}
