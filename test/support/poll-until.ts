/**
 * Polls `probe` every 20 ms until it gives a value, or throws naming `what` after `deadlineMs`. For tests that
 * wait on a background worker (a sweeper, a scheduler, a child process) without sleeping a fixed time.
 */
export async function pollUntil<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, deadlineMs = 15_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
