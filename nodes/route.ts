import type { GatewayStateUpdate, GatewayStateValue } from "../src/state/gateway-state.ts";
import type { BaseMessage } from "@langchain/core/messages";
import { countedText } from "../src/tokens/counted-text.ts";
import { stampedCount, type TokenizerName } from "../src/tokens/token-stamp.ts";
import { sleepUnlessWoken, wakeListener } from "../src/routing/index.ts";
import { engineOf, type GatewayRuntime } from "./context.ts";

/** The request prompt's token count in `encoding` as accept stamped it, if it did (the last human message). */
function promptTokensOf(state: Pick<GatewayStateValue, "messages">, encoding: TokenizerName): number | undefined {
  let prompt: BaseMessage | undefined;
  for (let index = state.messages.length - 1; index >= 0 && prompt === undefined; index--) if (state.messages[index]?.getType() === "human") prompt = state.messages[index];
  return prompt === undefined ? undefined : stampedCount(prompt, encoding, countedText(prompt).length);
}

/**
 * Picks (deployment, output mode) for the next attempt. When every deployment is cooling down it waits
 * for the earliest to recover instead of failing, but never past the request's deadline.
 */
export async function route(state: GatewayStateValue, runtime: GatewayRuntime): Promise<GatewayStateUpdate> {
  const engine = engineOf(runtime);
  const request = state.request;
  const deadlineAt = state.deadline_at;
  if (request === undefined || deadlineAt === undefined) {
    return { status: "failed", error: { code: "input_invalid", message: "route reached without an accepted request" } };
  }
  for (;;) {
    const plan = await engine.routing.plan({ request, attempts: state.attempts, deadlineAt, decision: state.route_decision, promptTokens: (encoding) => promptTokensOf(state, encoding) });
    if (plan.kind === "call") {
      const delayMs = plan.delayMs ?? 0;
      if (delayMs > 0) {
        if (delayMs >= deadlineAt - engine.now()) {
          return { status: "failed", error: { code: "deadline_exceeded", message: `${plan.reason}; waiting ${delayMs} ms would pass the deadline` } };
        }
        await engine.sleep(delayMs, runtime.signal);
      }
      return {
        choice: {
          group: plan.group,
          deployment: plan.deployment.id,
          provider: plan.deployment.provider,
          mode: plan.mode,
          reason: delayMs > 0 ? `${plan.reason} (after ${delayMs} ms)` : plan.reason,
          ...(plan.lease ? { lease_id: plan.lease.leaseId, lease_tokens: plan.lease.tokens, lease_acquired_at: plan.lease.acquiredAt } : {}),
          ...(plan.inFlight === undefined ? {} : { in_flight: plan.inFlight }),
        },
      };
    }
    if (plan.kind === "give_up") {
      return { status: "failed", choice: undefined, error: { code: "no_deployment_available", message: plan.reason } };
    }
    const remaining = deadlineAt - engine.now();
    if (plan.delayMs >= remaining) {
      return {
        status: "failed",
        choice: undefined,
        error: { code: "deadline_exceeded", message: `${plan.reason}; waiting ${plan.delayMs} ms would pass the deadline` },
      };
    }
    await sleepUnlessWoken(engine.sleep, plan.delayMs, runtime.signal, wakeListener(engine.routing.router, plan.wakeOn));
  }
}
