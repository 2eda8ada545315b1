import type { DetectorName, Finding } from "./detectors.ts";
import type { Incident } from "./incident.ts";

/** One line saying why a detector fired: the measure, its value, the baseline and the limit. */
export function describeFinding(finding: Finding): string {
  const evidence = finding.evidence;
  if (finding.detector === "latency") return `latency p95 ${evidence.p95_ms} ms vs baseline ${evidence.baseline_p95_ms} ms (x${evidence.ratio}, limit x${evidence.factor})`;
  if (finding.detector === "correctness" && evidence.measure === "invalid_run") return `${evidence.run} invalid answers in a row (chance ${evidence.chance} at the ${evidence.invalid_rate_before} invalid rate of the ${evidence.answers_before} answers before)`;
  if (finding.detector === "correctness") return `${evidence.measure} ${evidence.rate} vs baseline ${evidence.baseline_rate} (limit x${evidence.factor})`;
  if (finding.detector === "errors") return `error rate ${evidence.error_rate} vs baseline ${evidence.baseline_error_rate}`;
  return `${evidence.measure} ${evidence.mean} vs baseline ${evidence.baseline_mean} (limit x${evidence.factor})`;
}

/** The same line for an open incident, from the evidence it was opened with. */
export function describeEvidence(incident: Incident): string {
  return describeFinding({ detector: incident.detector as DetectorName, verdict: "firing", evidence: incident.evidence });
}
