import { didYouMean } from "../config/did-you-mean.ts";
import { SwitchyardError } from "../errors.ts";

/**
 * A request (or a caller of `engine.deployment`) named a deployment the config does not declare.
 *
 * @example
 * engine.deployment("gpt4o") // throws: no deployment is named "gpt4o". Fix: did you mean "gpt-4o"? ...
 */
export class UnknownDeploymentError extends SwitchyardError {
  /** The id that was asked for. */
  readonly deploymentId: string;
  /** Every deployment id the config declares. */
  readonly declared: readonly string[];
  /** The nearest declared id, when the value reads as a typo of it. */
  readonly suggestion: string | undefined;

  constructor(deploymentId: string, declared: readonly string[]) {
    const suggestion = didYouMean(deploymentId, declared);
    super(
      "deployment_unknown",
      `no deployment is named "${deploymentId}". Fix: ${suggestion ? `did you mean "${suggestion}"? ` : ""}use one of: ${declared.join(", ")}.`,
    );
    this.deploymentId = deploymentId;
    this.declared = declared;
    this.suggestion = suggestion;
  }
}

/**
 * A request pinned a deployment outside the model group it named: serving it would answer from a group
 * other than the one named, so it is refused instead.
 *
 * @example
 * // { model_group: "local", deployment: "openai-gpt-4o-mini" } -> DeploymentNotInGroupError
 */
export class DeploymentNotInGroupError extends SwitchyardError {
  readonly deploymentId: string;
  readonly group: string;
  /** The deployments the named group has. */
  readonly members: readonly string[];

  constructor(deploymentId: string, group: string, members: readonly string[]) {
    super(
      "deployment_unknown",
      `request.deployment "${deploymentId}" is not in request.model_group "${group}" (its deployments: ${members.join(", ")}). Fix: pin one of those, or drop model_group to pin "${deploymentId}" alone.`,
    );
    this.deploymentId = deploymentId;
    this.group = group;
    this.members = members;
  }
}
