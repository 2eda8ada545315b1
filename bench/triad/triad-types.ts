import type { SwitchyardConfig } from "../../src/config/schema.ts";
import type { DeferralStats } from "../../src/output-modes/shadow-deferral.ts";
import type { GatewayRequestInput, GatewayStateValue } from "../../src/state/gateway-state.ts";
import type { TriadCell } from "./triad-report.ts";

/** What the study needs of a gateway: `createGateway`'s result fits. Injected, so src/ never imports graphs/. */
export interface TriadGateway {
  invoke(request: GatewayRequestInput, options: { threadId: string }): Promise<GatewayStateValue>;
  /** The public feedback call (the study plays the user through it). */
  feedback(input: { request_id: string; correct: boolean }): Promise<unknown>;
  /** Switches the emulators to the drift profile (only factories opened with one implement it). */
  drift?(): void;
  /** Waits for the shadow calls in flight (the repeatable bench settles them after each request). */
  settle?(): Promise<void>;
  /** What shadow agreement did on this gateway. */
  shadowStats?(): { compared: number; costUsd: number; started?: number; arbiterCalls?: number; deferral?: DeferralStats };
  close(): Promise<void>;
}

/** Opens a fresh gateway (fresh emulators, fresh policy) on the given config. */
export type TriadGatewayFactory = (config: SwitchyardConfig) => Promise<TriadGateway>;

/** A policy's figures on one backend. `cell` is the policy's name. */
export type PolicyCell = TriadCell & { policy: string };
