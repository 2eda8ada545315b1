/**
 * The guardian: per (deployment, mode) baselines, degradation detectors with hysteresis, recovery on the
 * live routing policy, and the append-only security and recovery event log with its webhook.
 */
export { Guardian, type BaselineSummary, type GuardianOptions, type ObservedAttempt } from "./guardian.ts";
export { detectors, detectorNames, judgeCorrectness, judgeCost, judgeErrors, judgeLatency, loadRatio, type DetectorName, type Evidence, type Finding, type Verdict } from "./detectors.ts";
export { KeyStatistics, metricNames, type MetricName, type Observation } from "./key-statistics.ts";
export { SampleWindow } from "./sample-window.ts";
export { incidentId, subjectOf, type Incident } from "./incident.ts";
export { eventCategories, fanOut, MemoryEventSink, type EventSink, type GuardianEvent, type GuardianEventCategory } from "./guardian-event.ts";
export { inertTarget, type RecoveryTarget } from "./recovery-target.ts";
export { removalRefusal, type ServingView } from "./last-deployment-guard.ts";
export { failingDeployments } from "./failing-deployments.ts";
export { QuarantineQueue } from "./quarantine-queue.ts";
export { routingRecoveryTarget, StrategyOverrides, type CooldownRouter, type ModeSwitchPolicy } from "./routing-recovery-target.ts";
export { SqliteEventLog, type EventQuery, type StoredEvent } from "./sqlite-event-log.ts";
export { PostgresEventLog, type PostgresEventLogOptions } from "./postgres-event-log.ts";
export type { EventLog, SavedSnapshot } from "./event-log.ts";
export { eventLogLocation, openEventLog, type EventLogLocation } from "./open-event-log.ts";
export { eventLine, jsonLinesFileSink, jsonLinesSink } from "./json-lines-sink.ts";
export { WebhookNotifier, type WebhookOptions } from "./webhook-notifier.ts";
export { SecurityMonitor, type SecurityKind, type SecurityMonitorOptions, type SecurityReport } from "./security-monitor.ts";
export { restoreGuardian, snapshotGuardian, type GuardianSnapshot } from "./guardian-snapshot.ts";
export { createGuardianRuntime, GUARDIAN_SNAPSHOT, guardianStateFile, type GuardianRuntime, type GuardianRuntimeOptions, type RequestOutcome } from "./guardian-runtime.ts";
export { GuardianGraphState, GUARDIAN_EVENTS_KEPT, type GuardianGraphStateUpdate, type GuardianGraphStateValue } from "./guardian-graph-state.ts";
