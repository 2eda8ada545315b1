import type { z } from "zod";
import type { DeploymentConfig, ModelGroupConfig } from "../config/schema.ts";
import { assertSchemaCarriable, type SchemaCarrier } from "../output-modes/check-carriable.ts";
import { checkInputSize } from "../routing/input-size-gate.ts";
import type { GatewayRequest } from "../state/gateway-state.ts";
import type { Engine } from "./engine.ts";
import { groupFor } from "./route-plan.ts";
import { DeploymentNotInGroupError } from "./unknown-deployment-error.ts";

/** Verdicts per schema object, so the hot path walks a schema once per set of carriers, not per request. */
const verdicts = new WeakMap<z.ZodType, Map<string, Error | undefined>>();

function checkSchemaOnce(schemaId: string, schema: z.ZodType, carriers: readonly SchemaCarrier[]): void {
  const key = `${schemaId}|${carriers.map((carrier) => `${carrier.provider}:${carrier.modes.join("+")}`).join(",")}`;
  let known = verdicts.get(schema);
  if (known === undefined) verdicts.set(schema, (known = new Map()));
  if (!known.has(key)) {
    try {
      assertSchemaCarriable(schemaId, schema, carriers);
      known.set(key, undefined);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      known.set(key, error);
    }
  }
  const verdict = known.get(key);
  if (verdict !== undefined) throw verdict;
}

/**
 * Everything a request names, checked before any backend call: its model group, its pinned deployment
 * (and that the pin lies in the named group), its schema, that the schema can travel to every provider
 * the request may reach in the modes it may be asked in, and that the input fits some context window of
 * the group's fallback chain (a bounded, linear-time check). Throws the typed error of the first problem
 * (UnknownModelGroupError, UnknownDeploymentError, DeploymentNotInGroupError, UnknownSchemaError,
 * SchemaNotCarriableError, InputTooLargeError); the accept node turns it into a rejected state,
 * `Gateway.invoke` rethrows it.
 *
 * @example
 * checkRequest(engine, { ...request, model_group: "extrct" }) // throws UnknownModelGroupError (suggestion "extract")
 */
export function checkRequest(engine: Pick<Engine, "config" | "schemas" | "deployment">, request: GatewayRequest): void {
  const group: ModelGroupConfig = groupFor(engine.config, request);
  const pinned = request.deployment === undefined ? undefined : engine.deployment(request.deployment);
  if (pinned !== undefined && request.model_group !== undefined && !group.deployments.includes(pinned.id)) {
    throw new DeploymentNotInGroupError(pinned.id, group.name, group.deployments);
  }
  const target = engine.schemas.get(request.schema_id);
  const reachable: DeploymentConfig[] = pinned === undefined ? group.deployments.map((id) => engine.deployment(id)) : [pinned];
  const modes = request.mode === undefined ? engine.config.output_modes.allowed : [request.mode];
  const providers = [...new Set(reachable.map((deployment) => deployment.provider))];
  checkSchemaOnce(request.schema_id, target.schema, providers.map((provider) => ({ provider, modes })));
  checkInputSize(engine.config, request);
}
