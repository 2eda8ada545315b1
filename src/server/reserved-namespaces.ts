import { ServerRequestError } from "./http-error.ts";

/**
 * Store namespaces the engine keeps for itself, out of reach of the public /store routes: the adaptive policy's
 * learned state and the served-requests ledger (`switchyard.*`: rewriting it would credit feedback to another
 * mode, and reading it lists other callers' run ids) and the verification monitor's learned MDP
 * (`verification.*`: adding counts there would teach the risk check what is safe).
 */
export const RESERVED_NAMESPACE_ROOTS: readonly string[] = ["switchyard", "verification"];

/** Whether a namespace (or a prefix that could reach one) lies under a reserved root. */
export function isReservedNamespace(namespace: readonly string[]): boolean {
  const root = namespace[0];
  return root !== undefined && RESERVED_NAMESPACE_ROOTS.includes(root);
}

/** Refuses a /store request that names a reserved namespace (403, naming the field and the fix). */
export function refuseReservedNamespace(namespace: readonly string[], field: string): void {
  if (!isReservedNamespace(namespace)) return;
  throw new ServerRequestError(
    403,
    `${field} ${JSON.stringify(namespace.join("."))} is reserved for switchyard's own state (${RESERVED_NAMESPACE_ROOTS.map((root) => `${root}.*`).join(", ")}). Fix: use a namespace of your own (e.g. ["users", "<id>"]).`,
    field,
  );
}
