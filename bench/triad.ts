import { createGateway } from "../graphs/create-gateway.ts";
import { defaultProfile } from "../src/emulators/index.ts";
import { runTriadBench, type TriadGatewayFactory } from "../src/output-modes/index.ts";
import type { BenchResult } from "./types.ts";

/** Every gateway of the study: in-memory checkpoints, fresh emulators on the default (demo) profile. */
export const openTriadGateway: TriadGatewayFactory = (config) =>
  createGateway({ checkpoints: ":memory:", emulatorProfile: defaultProfile(), ...(config ? { config } : {}) });

/**
 * The triad study: 48 configurations (backend x mode x schema constraint x transport compression) through
 * the gateway, then fixed, per-backend-default and adaptive mode policies on the same requests.
 */
export async function run(): Promise<BenchResult> {
  return runTriadBench({ open: openTriadGateway });
}
