/**
 * Settles with `work`, or rejects with the signal's reason as soon as it aborts, whichever comes first. Some
 * provider SDKs take an AbortSignal and keep waiting anyway (Gemini's and Ollama's clients finished calls 1.6
 * to 2.6 s past an aborted signal, measured in issue #14): the deadline must not depend on them. The call left
 * behind is still settled, so its late rejection is never unhandled.
 *
 * @example
 * const message = await raceAbort(model.invoke(messages, { signal }), signal);
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException(String(reason ?? "aborted"), "AbortError");
}
