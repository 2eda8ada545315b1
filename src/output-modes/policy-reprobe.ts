import type { OutputMode } from "./protocol.ts";

/** When a written-off mode is asked again: after `interval` of its deployment's choices, doubling per probe up to `maxInterval`. */
export interface ReprobeConfig {
  /** Choices of the deployment a mode may go unasked before its first re-probe (default 0: off; 30 was tried). */
  interval: number;
  /** The longest wait the backoff reaches (default 240). */
  maxInterval: number;
}

/**
 * Off by default (opt-in, e.g. `{ interval: 30 }`: over 200 requests a written-off mode is asked at most about
 * three more times): on the paired A/B of the fourteenth pass it lost cells on held-out set 12's drift
 * (output-mode-policy.md), the probes taking exploration from Thompson draws that were doing better.
 */
export const DEFAULT_REPROBE: ReprobeConfig = { interval: 0, maxInterval: 240 };

/**
 * Bounded re-probes of modes written off for visible faults. A mode left after a few invalid answers is
 * asked again only by Thompson draws, and a mode with a low validity mean draws low, so a fault that was
 * noise or has since been fixed (a repaired backend) could keep it unasked for the rest of the run. Here a
 * mode whose validity is below the served mode's and that went unasked for `interval` choices is asked once;
 * each probe doubles its wait (a mode that is really broken costs one call per doubling window), and being
 * chosen for any other reason resets the wait. In memory: a restart re-probes sooner, which is harmless.
 *
 * @example
 * const reprobes = new Reprobes({ interval: 30, maxInterval: 240 });
 * reprobes.due("gpt", ["emit", "compressed"], 40, (mode) => mode === "compressed") // "compressed" if unasked since choice 10
 */
export class Reprobes {
  private readonly rows = new Map<string, { lastAsked: number; wait: number }>();

  constructor(private readonly config: ReprobeConfig) {}

  /** The first of `candidates` (those written off, per `writtenOff`) whose wait has passed at `choice`, if any. */
  due(deployment: string, candidates: readonly OutputMode[], choice: number, writtenOff: (mode: OutputMode) => boolean): OutputMode | undefined {
    if (this.config.interval <= 0) return undefined;
    return candidates.find((mode) => {
      const row = this.rows.get(`${deployment}\u0000${mode}`);
      return writtenOff(mode) && choice - (row?.lastAsked ?? 0) >= (row?.wait ?? this.config.interval);
    });
  }

  /** Notes that `mode` was asked at `choice`; a probe doubles its next wait, any other choice resets it. */
  asked(deployment: string, mode: OutputMode, choice: number, probe: boolean): void {
    const id = `${deployment}\u0000${mode}`;
    const wait = this.rows.get(id)?.wait ?? this.config.interval;
    this.rows.set(id, { lastAsked: choice, wait: probe ? Math.min(this.config.maxInterval, 2 * wait) : this.config.interval });
  }
}
