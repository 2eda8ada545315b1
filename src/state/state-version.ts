import { SwitchyardError } from "../errors.ts";
import { GATEWAY_STATE_VERSION } from "./gateway-state.ts";

export class StateVersionError extends SwitchyardError {
  readonly threadId: string;
  readonly found: number;

  constructor(threadId: string, found: number) {
    super(
      "checkpoint_format",
      `thread ${threadId} was written with gateway state version ${found}, but this switchyard reads up to version ${GATEWAY_STATE_VERSION}. Fix: upgrade switchyard to the version that wrote it, or start a new thread.`,
    );
    this.threadId = threadId;
    this.found = found;
  }
}

/** Refuses state written by a newer switchyard; older versions load (and are migrated as fields default). */
export function assertStateVersion(threadId: string, version: number | undefined): void {
  if (version !== undefined && version > GATEWAY_STATE_VERSION) throw new StateVersionError(threadId, version);
}
