/**
 * What tracing off leaves on a gateway request's path: with `telemetry.tracing` unset, `engine.tracing` is
 * undefined and each traced site reads it and goes on (the node wrapper's `tracingOf`, `tracedModelCall`, the
 * request's own check in graphs/create-gateway.ts). No SDK is loaded, no span or attribute built. Those reads,
 * run alone as often as one request runs them, against the same loop without them: the figure the request-cost
 * bench prints beside the gateway's CPU per request, where a difference of two ~24 ms figures could not show it.
 */
import type { Engine } from "../src/runtime/engine.ts";
import { tracingOf } from "../nodes/context.ts";
import { tracedModelCall } from "../src/telemetry/traced-model-call.ts";

const deployment = { id: "d", provider: "openai", model: "m" };

/** CPU (ms) the off path's tracing checks add to one request that passes `sites` traced sites (nodes, model calls, the request). */
export function tracingOffChecksMs(engine: Engine, sites: number, iterations = 200_000): number {
  const runtime = { context: { engine } };
  const reply = Promise.resolve("reply");
  const call = () => reply;
  let sink = 0;
  const loop = (checked: boolean) => {
    const cpu = process.cpuUsage();
    for (let index = 0; index < iterations; index++) {
      // The work each site does whatever tracing is (it calls on); only the check differs between the loops.
      if (checked) {
        if (tracingOf(runtime) !== undefined) sink++;
        if (tracedModelCall(engine.tracing, deployment, "attempt", call) !== reply) sink++;
      } else if (call() !== reply) sink++;
    }
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000 / iterations;
  };
  for (let warm = 0; warm < 3; warm++) {
    loop(true);
    loop(false);
  }
  let difference = 0;
  for (let round = 0; round < 5; round++) difference += (loop(true) - loop(false)) / 5;
  if (sink !== 0) throw new Error("tracing is on: this figure is for an engine without telemetry.tracing");
  // One iteration checks twice (a node's and a model call's check).
  return (difference / 2) * sites;
}
