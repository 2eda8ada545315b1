import type { Attributes } from "@opentelemetry/api";
import { failed, noAttributes, SpanForm, type SpanRecord } from "./span-record.ts";
import { modelCallStart, nodeEndAttributes, replyAttributes, type CallRole } from "./tracing-attributes.ts";

/** Copies `from` into `into`, skipping null and undefined (what a span's `setAttributes` did). */
export function copyAttributes(into: Attributes, from: Attributes): void {
  if (from === noAttributes) return;
  for (const key in from) {
    const value = from[key];
    if (value !== undefined && value !== null) into[key] = value;
  }
}

/** A node's name: the last segment of its checkpoint namespace, without its task id (`call_model` of `router:3|call_model:4`). */
export function nodeName(checkpointNs: string): string {
  const bar = checkpointNs.lastIndexOf("|");
  const colon = checkpointNs.indexOf(":", bar + 1);
  return (colon < 0 ? checkpointNs.slice(bar + 1) : checkpointNs.slice(bar + 1, colon)) || "node";
}

/**
 * Builds an ended node's, subgraph's or model call's name and attributes from what it recorded, as the span
 * would have carried them had they been written as it ran: its own attributes first, then what was added
 * while it ran (`annotate`, an error's type), then what its result says (not for a call that threw). The
 * result it held is dropped. Run once per span when its request ends, in one loop over the request's spans.
 */
export function finishSpan(span: SpanRecord): void {
  const added = span.attributes;
  let attributes: Attributes;
  switch (span.form) {
    case SpanForm.node: {
      const name = nodeName(span.source);
      span.name = name;
      attributes = { "switchyard.node": name };
      if (added !== noAttributes) copyAttributes(attributes, added);
      if (span.data !== failed) nodeEndAttributes(name, span.data, attributes);
      break;
    }
    case SpanForm.subgraph:
      attributes = { "switchyard.node": span.name, "switchyard.subgraph": true };
      break;
    case SpanForm.model: {
      const start = modelCallStart(span.deployment!, span.source as CallRole);
      span.name = start.name;
      attributes = start.attributes;
      if (added !== noAttributes) copyAttributes(attributes, added);
      if (span.data !== failed) copyAttributes(attributes, replyAttributes(span.data));
      break;
    }
    default:
      return;
  }
  span.attributes = attributes;
  span.data = undefined;
  span.deployment = undefined;
}
