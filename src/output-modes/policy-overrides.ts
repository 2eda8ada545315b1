import type { OutputMode } from "./protocol.ts";

/**
 * The guardian's runtime overrides of the adaptive policy, per deployment: modes kept off it, a probation
 * share for a mode whose block was lifted, and an exploration share. Not persisted: the guardian sets them
 * again from its own state after a restart.
 *
 * @example
 * const overrides = new PolicyOverrides();
 * overrides.blockMode("gemini", "emit", true);
 * overrides.blockedModes("gemini") // ["emit"]
 */
export class PolicyOverrides {
  private readonly blocked = new Map<string, Set<OutputMode>>();
  private readonly exploration = new Map<string, number>();
  private readonly probes = new Map<string, { mode: OutputMode; share: number }>();

  /** Keeps `mode` off `deployment` (the guardian's output-mode switch), or allows it again. */
  blockMode(deployment: string, mode: OutputMode, blocked: boolean): void {
    const modes = this.blocked.get(deployment) ?? new Set<OutputMode>();
    if (blocked) modes.add(mode);
    else modes.delete(mode);
    if (modes.size === 0) this.blocked.delete(deployment);
    else this.blocked.set(deployment, modes);
  }

  /** The modes currently blocked on a deployment. */
  blockedModes(deployment: string): OutputMode[] {
    return [...(this.blocked.get(deployment) ?? [])];
  }

  /** Gives `mode` this share of `deployment`'s choices (undefined: stops). */
  probeMode(deployment: string, mode: OutputMode, share: number | undefined): void {
    if (share === undefined) this.probes.delete(deployment);
    else this.probes.set(deployment, { mode, share: Math.min(1, Math.max(0, share)) });
  }

  probe(deployment: string): { mode: OutputMode; share: number } | undefined {
    return this.probes.get(deployment);
  }

  /** Overrides a deployment's exploration share; undefined restores the configured one. */
  setExploration(deployment: string, fraction: number | undefined): void {
    if (fraction === undefined) this.exploration.delete(deployment);
    else this.exploration.set(deployment, Math.min(1, Math.max(0, fraction)));
  }

  /** The overriding exploration share, if the guardian set one. */
  explorationOf(deployment: string): number | undefined {
    return this.exploration.get(deployment);
  }
}
