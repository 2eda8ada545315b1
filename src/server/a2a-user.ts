import type { User } from "@a2a-js/sdk/server";

/**
 * The SDK's user for a caller whose agent token verified: its issuer names it, and tasks, threads and
 * ListTasks are scoped to it.
 *
 * @example
 * new ServerCallContext({ user: new AgentUser(caller.issuer) });
 */
export class AgentUser implements User {
  constructor(readonly userName: string) {}
  get isAuthenticated(): boolean {
    return true;
  }
}
