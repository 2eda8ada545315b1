import { SwitchyardError } from "../errors.ts";

/** Marks the message of a stream that failed after its first token; the route trace and routing read it. */
export const afterFirstTokenMarker = "stream interrupted after the first token";

/**
 * A streamed reply that broke after some of it had arrived. Before the first token a failure is retried
 * elsewhere without anyone noticing; after it, a listener may already have shown the partial text, so the
 * request ends with this error, carrying what was received.
 *
 * @example
 * if (error instanceof StreamInterruptedError) console.log(error.received);
 */
export class StreamInterruptedError extends SwitchyardError {
  /** The deployment or provider whose stream broke. */
  readonly source: string;
  /** The text (or tool-call arguments) received before the stream broke. */
  readonly received: string;

  constructor(source: string, received: string, cause: unknown) {
    const shown = received.length > 400 ? `${received.slice(0, 400)}…` : received;
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      "stream_interrupted",
      `${afterFirstTokenMarker} from ${source} (${why}); received ${received.length} characters: ${JSON.stringify(shown)}. ` +
        "Fix: retry the request; the partial reply was not retried automatically because it may already have been streamed.",
      { cause },
    );
    this.source = source;
    this.received = received;
  }
}

/** Whether an attempt's message says its stream broke after the first token (so no transparent retry). */
export function brokeAfterFirstToken(message: string | undefined): boolean {
  return message?.includes(afterFirstTokenMarker) === true;
}
