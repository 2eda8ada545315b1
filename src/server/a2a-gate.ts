import type { JWK } from "jose";
import { Counter, type Registry } from "prom-client";
import { A2aRefusalError, ReplayCache, SharedReplayGuard, TrustedKeys, type ReplayGuard, checkBodyDigest, verifyAgentToken, verifyBody, type VerifiedCaller } from "../a2a/index.ts";
import type { EventSink } from "../guardian/index.ts";

/** One agent allowed to call ours: its identity (the `iss` of its tokens) and where its keys come from. */
export interface A2aPeer {
  issuer: string;
  /** Its published JWKS (e.g. `http://host:port/a2a/jwks.json`). */
  jwksUrl?: string;
  /** Or its public keys, pinned. */
  keys?: JWK[];
  /** Refuse its requests unless their body carries a valid detached signature. */
  signsBodies?: boolean;
  /** An unknown kid refetches `jwksUrl` at most this often (default 10 s): how soon a rotation is followed. */
  refetchMs?: number;
}

export interface A2aGateOptions {
  peers: readonly A2aPeer[];
  now: () => number;
  registry: Registry;
  events?: EventSink;
  fetch?: typeof fetch;
  skewSeconds?: number;
  /** Accept calls without a token (local development only): they run as the `anonymous` caller. */
  allowAnonymous?: boolean;
  /**
   * Claims a token id for every process on the server's storage (`A2aTaskState.claimTokenId`), so a token
   * replayed to another replica or after a restart is refused too; without it, replay protection is per process.
   */
  claimTokenId?: (id: string, expiresAtMs: number) => Promise<boolean>;
}

/**
 * The zero-trust door of the A2A routes: a caller is a trusted peer with a live, unreplayed token for this
 * agent, and (when it signs) a body matching its signature. Each refusal is a guardian security event and
 * a metric by reason; each peer's first acceptance is an event too, every acceptance a metric.
 *
 * @example
 * const caller = await gate.authenticate(request.headers.get("authorization") ?? undefined, agentUrl(base, "desk"));
 */
export class A2aGate {
  readonly #options: A2aGateOptions;
  readonly #peers: Map<string, TrustedKeys>;
  readonly #replay: ReplayGuard;
  readonly #refusals: Counter<"reason">;
  readonly #accepted: Counter<"issuer">;
  readonly #seen = new Set<string>();

  constructor(options: A2aGateOptions) {
    this.#options = options;
    this.#peers = new Map(options.peers.map((peer) => [peer.issuer, new TrustedKeys({ ...(peer.keys ? { pinned: peer.keys } : {}), ...(peer.jwksUrl ? { jwksUrl: peer.jwksUrl } : {}), ...(peer.refetchMs === undefined ? {} : { refetchMs: peer.refetchMs }), ...(options.fetch ? { fetch: options.fetch } : {}), now: options.now })]));
    const local = new ReplayCache({ now: options.now });
    this.#replay = options.claimTokenId === undefined ? local : new SharedReplayGuard(local, options.claimTokenId);
    const existingRefusals = options.registry.getSingleMetric("switchyard_a2a_refusals_total");
    this.#refusals = existingRefusals instanceof Counter ? existingRefusals : new Counter({ name: "switchyard_a2a_refusals_total", help: "A2A requests, cards and tokens refused, by reason.", labelNames: ["reason"], registers: [options.registry] });
    const existingAccepted = options.registry.getSingleMetric("switchyard_a2a_accepted_total");
    this.#accepted = existingAccepted instanceof Counter ? existingAccepted : new Counter({ name: "switchyard_a2a_accepted_total", help: "A2A requests accepted, by calling peer (issuer).", labelNames: ["issuer"], registers: [options.registry] });
  }

  /** The caller of a request with this Authorization header for `audience`; refuses otherwise. */
  async authenticate(authorization: string | undefined, audience: string): Promise<VerifiedCaller | undefined> {
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(authorization ?? "");
    if (match?.[1] === undefined) {
      if (this.#options.allowAnonymous) return undefined;
      throw new A2aRefusalError("token_missing", "no bearer token. Fix: send Authorization: Bearer <agent JWT> (see the card's securitySchemes).");
    }
    return verifyAgentToken(match[1], { peers: this.#peers, audience, now: this.#options.now, replay: this.#replay, ...(this.#options.skewSeconds === undefined ? {} : { skewSeconds: this.#options.skewSeconds }) });
  }

  /**
   * Checks the body against what signs it: the digest its token carries (`bdh`) and the detached signature,
   * each when present; a peer that promised to sign is refused when neither is.
   */
  async checkBody(caller: VerifiedCaller | undefined, body: unknown, signature: string | undefined): Promise<void> {
    const peer = caller === undefined ? undefined : this.#options.peers.find((candidate) => candidate.issuer === caller.issuer);
    const keys = caller === undefined ? undefined : this.#peers.get(caller.issuer);
    if (caller?.bodyDigest !== undefined) checkBodyDigest(body, caller.bodyDigest);
    if (signature === undefined) {
      if (peer?.signsBodies && caller?.bodyDigest === undefined) throw new A2aRefusalError("body_signature", `peer ${peer.issuer} signs its bodies and this one carries no signature. Fix: put the body's digest in the token (bdh) or send the x-a2a-body-signature header.`);
      return;
    }
    if (keys === undefined) throw new A2aRefusalError("body_signature", "a signed body needs an authenticated caller whose keys verify it.");
    await verifyBody(body, signature, keys);
  }

  /** Records a refusal (event and metric); returns it for the answer. */
  refused(error: A2aRefusalError, where: { graph: string; binding?: string; issuer?: string }): A2aRefusalError {
    this.#refusals.inc({ reason: error.reason });
    this.#options.events?.record({ at: this.#options.now(), category: "security", kind: `a2a_${error.reason}`, subject: `peer:${where.issuer ?? "unknown"}`, reason: error.message, evidence: { graph: where.graph, reason: error.reason, ...(where.binding ? { binding: where.binding } : {}) } });
    return error;
  }

  /** Records an accepted call: a metric always, an event the first time this process sees the peer. */
  accepted(caller: VerifiedCaller | undefined, graph: string): void {
    const issuer = caller?.issuer ?? "anonymous";
    this.#accepted.inc({ issuer });
    if (this.#seen.has(issuer)) return;
    this.#seen.add(issuer);
    this.#options.events?.record({ at: this.#options.now(), category: "security", kind: "a2a_peer_accepted", subject: `peer:${issuer}`, reason: `first accepted A2A call from ${issuer}`, evidence: { graph } });
  }
}
