/**
 * Timings measured deep in the engine (verification checks, memory recall) reach whoever exports metrics
 * without the engine knowing about Prometheus: nodes call `recordTiming`, a server's metrics subscribe.
 */
export type TimingName = "verification" | "memory_query";

export type TimingListener = (name: TimingName, seconds: number, labels: Readonly<Record<string, string>>) => void;

const listeners = new Set<TimingListener>();

/** Subscribes; returns the unsubscribe function. */
export function onTiming(listener: TimingListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reports one timing to every subscriber; costs nothing when nobody listens. */
export function recordTiming(name: TimingName, seconds: number, labels: Readonly<Record<string, string>> = {}): void {
  for (const listener of listeners) listener(name, seconds, labels);
}
