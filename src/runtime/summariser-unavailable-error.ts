import { SwitchyardError } from "../errors.ts";

/** No deployment of the summary group could take a summary call now (cooling down, at its limits, unhealthy). */
export class SummariserUnavailableError extends SwitchyardError {
  readonly group: string;

  constructor(group: string) {
    super("no_deployment_available", `no deployment of model group ${group} can take the summary call now. Fix: wait for its cooldowns, raise its limits, or set memory.summary.model_group to a group with capacity.`);
    this.group = group;
  }
}
