import { StreamTextChecker, type StreamTextCheckerOptions } from "./stream-text-checker.ts";
import type { TextFinding } from "./verify-text.ts";

/** What a model stream yields: text, or a fragment of a tool call (OpenAI-style, by index). */
export type StreamPart = { type: "text"; text: string } | { type: "tool_call_chunk"; index: number; id?: string; name?: string; args?: string };

/** A tool call put together from its fragments, as the monitor sees it. */
export interface CompletedToolCall {
  index: number;
  id?: string;
  name: string;
  /** The arguments' JSON text, as the model wrote it. */
  args: string;
}

export type ToolCallVerdict = { allowed: true } | { allowed: false; reason: string };

/** What a checked stream yields: checked text, whole approved tool calls, or the block that ends it. */
export type CheckedPart =
  | { type: "text"; text: string }
  | { type: "tool_call"; call: CompletedToolCall }
  | { type: "tool_call_blocked"; call: CompletedToolCall; reason: string }
  | { type: "blocked"; findings: TextFinding[] };

export interface CheckedStreamOptions extends StreamTextCheckerOptions {
  /**
   * The monitor's verdict on a complete tool call (part of the policy engine, injected). Without it calls
   * are released whole once the stream has ended; no fragment is ever released before its call is complete.
   */
  toolVerdict?: (call: CompletedToolCall) => Promise<ToolCallVerdict>;
}

/**
 * Output checks on a stream, without buffering the whole answer: text goes through a `StreamTextChecker`
 * (PII redacted even across chunks, blocking checks such as copyright or policy text rules run before each
 * release), and tool-call fragments are held until the call is complete and the injected monitor has
 * allowed it. A block ends the stream (the source is closed) after a final `blocked` part.
 *
 * @example
 * for await (const part of checkedStream(modelParts, { pii: { strategy: "redact" }, toolVerdict: monitor })) send(part);
 */
export async function* checkedStream(source: AsyncIterable<StreamPart>, options: CheckedStreamOptions): AsyncGenerator<CheckedPart> {
  const checker = new StreamTextChecker(options);
  const calls = new Map<number, CompletedToolCall>();
  for await (const part of source) {
    if (part.type === "tool_call_chunk") {
      const call = calls.get(part.index) ?? { index: part.index, name: "", args: "" };
      if (part.id !== undefined) call.id = part.id;
      call.name += part.name ?? "";
      call.args += part.args ?? "";
      calls.set(part.index, call);
      continue;
    }
    const release = checker.push(part.text);
    if (release.text !== "") yield { type: "text", text: release.text };
    if (release.blocked !== undefined) {
      yield { type: "blocked", findings: release.blocked };
      return;
    }
  }
  const last = checker.finish();
  if (last.text !== "") yield { type: "text", text: last.text };
  if (last.blocked !== undefined) {
    yield { type: "blocked", findings: last.blocked };
    return;
  }
  for (const call of [...calls.values()].sort((left, right) => left.index - right.index)) {
    const verdict = options.toolVerdict === undefined ? { allowed: true as const } : await options.toolVerdict(call);
    yield verdict.allowed ? { type: "tool_call", call } : { type: "tool_call_blocked", call, reason: verdict.reason };
  }
}
