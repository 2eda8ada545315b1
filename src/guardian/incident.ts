import type { DetectorName, Evidence } from "./detectors.ts";

/** What the guardian did about a detection, and whether it is still in force or on probation. */
export interface Incident {
  detector: DetectorName;
  deployment: string;
  /** Set for mode-level incidents (correctness): the action concerns only this mode. */
  mode?: string;
  action: "quarantine" | "block_mode" | "switch_strategy";
  /** active: the action holds until `until`; probation: lifted, fresh samples decide restore or relapse. */
  phase: "active" | "probation";
  openedAt: number;
  until: number;
  /** Relapses so far: each doubles the next hold. */
  level: number;
  firingStreak: number;
  healthyStreak: number;
  evidence: Evidence;
}

/** Incidents are per deployment except correctness, which is per (deployment, mode). */
export function incidentId(detector: DetectorName, deployment: string, mode: string): string {
  return detector === "correctness" ? `${detector}:${deployment}/${mode}` : `${detector}:${deployment}`;
}

export function subjectOf(incident: Pick<Incident, "deployment" | "mode">): string {
  return incident.mode === undefined ? incident.deployment : `${incident.deployment}/${incident.mode}`;
}
