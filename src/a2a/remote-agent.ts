import { randomUUID } from "node:crypto";
import { A2A_PROTOCOL_VERSION, A2A_VERSION_HEADER, AgentCard, SendMessageRequest, type ListTasksRequest, type ListTasksResponse, type Message, type StreamResponse, type Task } from "@a2a-js/sdk";
import { ClientFactory, JsonRpcTransportFactory, RestTransportFactory, type Client } from "@a2a-js/sdk/client";
import { SwitchyardError } from "../errors.ts";
import type { AgentKeyRing } from "./agent-keys.ts";
import { issueAgentToken } from "./agent-tokens.ts";
import { bodyDigest, signedBodyExtension } from "./body-signature.ts";
import { verifyAgentCard } from "./card-signing.ts";
import { ANSWER_MAX_BYTES, CARD_MAX_BYTES, capPeerResponse, readPeerJson } from "./peer-json.ts";
import type { TrustedKeys } from "./trusted-keys.ts";
import { remoteAuthRefusal } from "./remote-auth.ts";

export interface RemoteAgentOptions {
  /** The agent's URL: its JSON-RPC endpoint, with its card at `{url}/.well-known/agent-card.json`; tokens are for it. */
  url: string;
  /** The binding to call it over: JSON-RPC (default) or HTTP+JSON, at the URL its verified card declares for it. */
  binding?: "JSONRPC" | "HTTP+JSON";
  /** The peer's keys (pinned or its trusted JWKS): its card must be signed by one. */
  keys: TrustedKeys;
  /** Who we are: our token issuer and our key ring (the peer trusts its JWKS). */
  identity: { issuer: string; keys: AgentKeyRing };
  now?: () => number;
  sleep?: (milliseconds: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
  /** Retries after a transport failure or a 5xx; default 2, backing off 200 ms then 400 ms. */
  retries?: number;
  /** The largest answer (not an event stream) read from the agent; default 32 MiB. Past it the call fails. */
  maxResponseBytes?: number;
  /** Failed calls in a row that cool the agent down, and for how long; default 3 and 30 s. */
  cooldown?: { failures: number; ms: number };
}

/** Calls to a remote agent refused locally: it is cooling down after failures in a row. */
export class RemoteAgentCoolingError extends SwitchyardError {
  constructor(
    readonly url: string,
    readonly untilMs: number,
  ) {
    super("backend_error", `remote agent ${url} is cooling down until ${new Date(untilMs).toISOString()} after failed calls in a row. Fix: wait, or check the agent's health.`);
  }
}

/** What to send: text, a JSON object, and the task/context it continues. */
export interface RemoteMessage {
  text?: string;
  data?: Record<string, unknown>;
  taskId?: string;
  contextId?: string;
}

/**
 * One remote A2A agent, called with zero trust: its card is fetched and verified (signature by a trusted
 * key, not expired, declaring the endpoint we call) before any call and again once half its life has passed;
 * each request carries a fresh short-lived token (new jti, so nothing replays) and, when the card asks for
 * it, a detached signature over the body; attempts time out, transient failures retry, and failures in a
 * row cool the agent down.
 *
 * @example
 * const billing = new RemoteAgent({ url: "http://127.0.0.1:2025/a2a/billing", keys, identity: { issuer: me, keys: ring } });
 * const task = await billing.send({ text: "refund ORD-1" });
 */
export class RemoteAgent {
  readonly #options: RemoteAgentOptions;
  #card: { card: AgentCard; client: Client; checkedAt: number } | undefined;
  #failures = 0;
  #coolUntil = 0;

  constructor(options: RemoteAgentOptions) {
    this.#options = { ...options, url: options.url.replace(/\/+$/, "") };
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** The agent's URL (its JSON-RPC endpoint). */
  get url(): string {
    return this.#options.url;
  }

  /** Fetch that authenticates (and signs) every request to the agent, with a timeout per attempt. */
  #authenticatedFetch(signsBodies: boolean): typeof fetch {
    const base = this.#options.fetch ?? fetch;
    return async (input, init) => {
      const key = await this.#options.identity.keys.signingKey();
      // The body's digest goes into the token: one signature covers the request and its body.
      const digest = signsBodies && typeof init?.body === "string" ? bodyDigest(JSON.parse(init.body)) : undefined;
      const { token } = await issueAgentToken({ key, issuer: this.#options.identity.issuer, audience: this.#options.url, now: () => this.#now(), ...(digest === undefined ? {} : { bodyDigest: digest }) });
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${token}`);
      const response = await base(input, { ...init, headers, signal: init?.signal ?? AbortSignal.timeout(this.#options.timeoutMs ?? 30_000) });
      return capPeerResponse(response, this.#options.maxResponseBytes ?? ANSWER_MAX_BYTES, `remote agent ${this.#options.url}'s answer`, (headers.get("accept") ?? "").includes("text/event-stream"));
    };
  }

  /** The verified card (refetched and reverified once half a day passed). */
  async card(): Promise<AgentCard> {
    return (await this.#verified()).card;
  }

  async #verified(): Promise<{ card: AgentCard; client: Client }> {
    if (this.#card !== undefined && this.#now() - this.#card.checkedAt < 43_200_000) return this.#card;
    const response = await (this.#options.fetch ?? fetch)(`${this.#options.url}/.well-known/agent-card.json`, { headers: { [A2A_VERSION_HEADER]: A2A_PROTOCOL_VERSION }, signal: AbortSignal.timeout(this.#options.timeoutMs ?? 30_000) });
    if (!response.ok) throw new SwitchyardError("backend_error", `agent card ${this.#options.url}/.well-known/agent-card.json answered ${response.status}. Fix: check the agent URL.`);
    const card = await verifyAgentCard(await readPeerJson(response, CARD_MAX_BYTES, `agent card ${this.#options.url}/.well-known/agent-card.json`), { keys: this.#options.keys, now: () => this.#now(), endpoint: this.#options.url });
    const signsBodies = card.capabilities?.extensions.some((extension) => extension.uri === signedBodyExtension) ?? false;
    const fetchImpl = this.#authenticatedFetch(signsBodies);
    const transport = this.#options.binding === "HTTP+JSON" ? new RestTransportFactory({ fetchImpl }) : new JsonRpcTransportFactory({ fetchImpl });
    const factory = new ClientFactory({ transports: [transport] });
    this.#card = { card, client: await factory.createFromAgentCard(card), checkedAt: this.#now() };
    return this.#card;
  }

  /** Runs `call` with the agent's cooldown, retries and card check. */
  async #call<T>(call: (client: Client) => Promise<T>): Promise<T> {
    if (this.#now() < this.#coolUntil) throw new RemoteAgentCoolingError(this.#options.url, this.#coolUntil);
    const retries = this.#options.retries ?? 2;
    const sleep = this.#options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await call((await this.#verified()).client);
        this.#failures = 0;
        return result;
      } catch (error) {
        // Our credentials refused: not the remote's failure (no cooldown) and nothing a retry changes.
        const refused = remoteAuthRefusal(this.#options.url, error);
        if (refused !== undefined) throw refused;
        // A refused card or a protocol error is not transient: only transport failures and 5xx retry.
        const transient = error instanceof TypeError || (error instanceof Error && /\b5\d\d\b|timeout|aborted/i.test(error.message));
        if (!transient || attempt >= retries) {
          const cooldown = this.#options.cooldown ?? { failures: 3, ms: 30_000 };
          if (++this.#failures >= cooldown.failures) this.#coolUntil = this.#now() + cooldown.ms;
          throw error;
        }
        await sleep(200 * 2 ** attempt);
      }
    }
  }

  #request(message: RemoteMessage): SendMessageRequest {
    const parts = [...(message.text === undefined ? [] : [{ text: message.text }]), ...(message.data === undefined ? [] : [{ data: message.data }])];
    return SendMessageRequest.fromJSON({ message: { messageId: randomUUID(), role: "ROLE_USER", parts, ...(message.taskId ? { taskId: message.taskId } : {}), ...(message.contextId ? { contextId: message.contextId } : {}) } });
  }

  /** SendMessage (blocking): the task as it ended or paused (INPUT_REQUIRED), or the agent's message. */
  async send(message: RemoteMessage): Promise<Task | Message> {
    return this.#call((client) => client.sendMessage(this.#request(message)));
  }

  /** SendStreamingMessage: every event as it comes (no retry once streaming started). */
  async *stream(message: RemoteMessage): AsyncGenerator<StreamResponse> {
    const { client } = await this.#verified();
    yield* client.sendMessageStream(this.#request(message));
  }

  /** SubscribeToTask: the events of a task still running, from now on (after a dropped stream). */
  async *resubscribe(id: string): AsyncGenerator<StreamResponse> {
    const { client } = await this.#verified();
    yield* client.resubscribeTask({ tenant: "", id });
  }

  /**
   * GetExtendedAgentCard: what the agent shows authenticated peers, verified like the public card (a
   * signature by a trusted key, not expired, declaring our endpoint). The public card when it declares none.
   */
  async extendedCard(): Promise<AgentCard> {
    const card = await this.#call((client) => client.getAgentCard());
    return verifyAgentCard(AgentCard.toJSON(card), { keys: this.#options.keys, now: () => this.#now(), endpoint: this.#options.url });
  }

  /** ListTasks: this caller's tasks on the agent, newest status first, a page at a time. */
  async listTasks(request: Partial<ListTasksRequest> = {}): Promise<ListTasksResponse> {
    return this.#call((client) => client.listTasks({ tenant: "", contextId: "", status: 0, pageSize: undefined, pageToken: "", historyLength: undefined, statusTimestampAfter: undefined, includeArtifacts: false, ...request }));
  }

  async getTask(id: string): Promise<Task> {
    return this.#call((client) => client.getTask({ tenant: "", id }));
  }

  async cancelTask(id: string): Promise<Task> {
    return this.#call((client) => client.cancelTask({ tenant: "", id, metadata: undefined }));
  }
}
