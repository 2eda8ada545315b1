import os from "node:os";

/**
 * Instance ids say where the instance runs (`host:pid:random`), so a process on the same host can tell
 * that a lease's owner is gone (kill -9, crash) and take it over without waiting for the expiry.
 *
 * @example
 * const instanceId = newInstanceId(); // "build-7:41233:9f2c1a"
 */
export function newInstanceId(random: () => string = () => Math.random().toString(36).slice(2, 8)): string {
  return `${os.hostname()}:${process.pid}:${random()}`;
}

/**
 * True only when the id names a process on this host that no longer exists. Unknown shapes, other hosts and
 * live (or possibly reused) pids answer false: the lease then waits for its expiry, the safe direction.
 */
export function ownerProcessGone(instanceId: string, isAlive: (pid: number) => boolean = pidAlive): boolean {
  const match = /^(.*):(\d+):[^:]*$/.exec(instanceId);
  if (match === null || match[1] !== os.hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return false;
  return !isAlive(pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
