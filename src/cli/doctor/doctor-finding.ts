/** One thing `switchyard doctor` checked: what, whether it passed, and when not, how to fix it. */
export interface DoctorFinding {
  /** Which check: `config`, `deployment openai-gpt-4o-mini`, `checkpoints`, `redis`, `clock`, `disk`, `guardian`. */
  check: string;
  ok: boolean;
  message: string;
  /** Set on every failure: the change that makes the check pass. */
  fix?: string;
}

export const passed = (check: string, message: string): DoctorFinding => ({ check, ok: true, message });
export const failed = (check: string, message: string, fix: string): DoctorFinding => ({ check, ok: false, message, fix });

/** How long one network check may take before it counts as unreachable. */
export const PROBE_TIMEOUT_MS = 3_000;
