import type { DeploymentConfig } from "../config/schema.ts";

/** Dollars for one call at the deployment's list price per million tokens. */
export function callCostUsd(deployment: DeploymentConfig, inputTokens: number, outputTokens: number): number {
  return (inputTokens * deployment.price.input_per_1m + outputTokens * deployment.price.output_per_1m) / 1_000_000;
}
