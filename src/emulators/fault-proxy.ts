import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultPicker, FaultPlanError, isDead, type Fault, type FaultKind, type FaultPhase, type FaultPlan } from "./fault-plan.ts";
import { forwardAnswer, type Delivery } from "./forward-answer.ts";
import { readBody, sendJson, watchClient } from "./http-support.ts";

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Route name -> upstream base URL (an origin, optionally with a path prefix such as `/v1`). */
  routes: Record<string, string>;
  /** Seed of every route's fault draws. */
  seed?: number;
  /** Clock of plan schedules; `Date.now` by default. */
  now?: () => number;
  host?: string;
  /**
   * Names the request a call belongs to, read from the call's body (e.g. a marker in the prompt), so calls
   * and clean answers can be counted per request and duplicated model calls found.
   */
  tagOf?: (body: string) => string | undefined;
}

/** What one route has seen since the proxy started. */
export interface FaultRouteStats {
  /** Requests that reached the proxy (a refused connection never does). */
  requests: number;
  passed: number;
  faults: Partial<Record<FaultKind, number>>;
  /** Answers passed through whole with status 200: a model call that completed. */
  cleanAnswers: number;
  /** The upstream could not be reached (answered 502). */
  upstreamErrors: number;
}

/** Calls and clean answers per tagged request, over every route. */
export interface FaultTagStats {
  calls: number;
  cleanAnswers: number;
}

/** A running fault proxy: one loopback listener per route, each steerable on its own. */
export interface FaultProxy {
  /** Base URL of a route: what a deployment's `base_url` points at. */
  url(route: string): string;
  /** Replaces a route's plan (or timed schedule) for the requests that arrive from now on. */
  setPlan(route: string, plan: FaultPlan | FaultPhase[]): Promise<void>;
  stats(route: string): FaultRouteStats;
  tags(): ReadonlyMap<string, FaultTagStats>;
  close(): Promise<void>;
}

interface Route {
  name: string;
  upstream: URL;
  picker: FaultPicker;
  server: Server | undefined;
  port: number;
  stats: FaultRouteStats;
}

/**
 * Starts a loopback HTTP proxy in front of the emulators (or any upstream) that injects faults per route:
 * 500 bursts, 429 storms with Retry-After, dead backends (refused, reset), slow headers and bodies, streams
 * cut mid-way and malformed bodies. Answers are passed on chunk by chunk, so streams stay streams. A test
 * and bench harness: deployments reach it through their ordinary `base_url`.
 *
 * @example
 * const proxy = await startFaultProxy({ routes: { primary: emulators.urls.openai }, seed: 3 });
 * await proxy.setPlan("primary", { rules: [{ fault: { kind: "status", status: 500 }, rate: 0.3, burst: 5 }] });
 * // deployment: { provider: "openai", base_url: proxy.url("primary"), ... }
 * await proxy.close();
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const now = options.now ?? Date.now;
  const host = options.host ?? "127.0.0.1";
  const tagStats = new Map<string, FaultTagStats>();
  const routes = new Map<string, Route>();
  for (const [name, upstream] of Object.entries(options.routes)) {
    routes.set(name, {
      name,
      upstream: new URL(upstream),
      picker: new FaultPicker(name, options.seed ?? 0, now),
      server: undefined,
      port: 0,
      stats: { requests: 0, passed: 0, faults: {}, cleanAnswers: 0, upstreamErrors: 0 },
    });
  }

  const handle = async (route: Route, request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const fault = route.picker.next();
    route.stats.requests += 1;
    if (fault === undefined) route.stats.passed += 1;
    else route.stats.faults[fault.kind] = (route.stats.faults[fault.kind] ?? 0) + 1;
    const body = await readBody(request);
    const tag = options.tagOf?.(body);
    const tagged = tag === undefined ? undefined : (tagStats.get(tag) ?? { calls: 0, cleanAnswers: 0 });
    if (tag !== undefined && tagged !== undefined) {
      tagged.calls += 1;
      tagStats.set(tag, tagged);
    }
    const delivery = await answer(route, fault, request, body, response);
    if (delivery === "clean") {
      route.stats.cleanAnswers += 1;
      if (tagged !== undefined) tagged.cleanAnswers += 1;
    } else if (delivery === "unreachable") route.stats.upstreamErrors += 1;
  };

  const open = (route: Route): Promise<void> => {
    const server = createServer((request, response) => {
      handle(route, request, response).catch(() => {
        // A proxy bug (or a client gone mid-body) costs one request, never the proxy.
        if (!response.headersSent) sendJson(response, 502, { error: { code: 502, message: "fault proxy error", status: "UNAVAILABLE" } });
        else response.destroy();
      });
    });
    route.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(route.port, host, () => {
        server.off("error", reject);
        route.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  };

  const shut = (route: Route): Promise<void> => {
    const server = route.server;
    route.server = undefined;
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets would carry requests past a closed listener; a dead backend drops them all.
      server.closeAllConnections();
    });
  };

  await Promise.all([...routes.values()].map(open));

  const routeOf = (name: string): Route => {
    const route = routes.get(name);
    if (route === undefined) throw new FaultPlanError(name, "route", `no such route. Fix: use one of ${[...routes.keys()].join(", ")}.`);
    return route;
  };

  return {
    url(name) {
      return `http://${host}:${routeOf(name).port}`;
    },
    async setPlan(name, plan) {
      const route = routeOf(name);
      route.picker.set(plan);
      const dead = !Array.isArray(plan) && isDead(plan);
      if (dead && route.server !== undefined) await shut(route);
      if (!dead && route.server === undefined) await open(route);
    },
    stats(name) {
      const stats = routeOf(name).stats;
      return { ...stats, faults: { ...stats.faults } };
    },
    tags: () => tagStats,
    async close() {
      await Promise.all([...routes.values()].map(shut));
    },
  };
}

const errorMessages: Record<number, string> = { 429: "Rate limit reached (fault proxy).", 500: "Internal server error (fault proxy).", 503: "Service unavailable (fault proxy)." };

/** Carries out one request's fault, forwarding to the upstream when the fault needs its answer. */
async function answer(route: Route, fault: Fault | undefined, request: IncomingMessage, body: string, response: ServerResponse): Promise<Delivery> {
  const client = watchClient(response);
  switch (fault?.kind) {
    case "reset":
      request.socket.destroy();
      return "faulted";
    case "refuse":
      // Only reached by a request that was accepted just before the listener closed.
      request.socket.destroy();
      return "faulted";
    case "status": {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      const message = errorMessages[fault.status] ?? `Error ${fault.status} (fault proxy).`;
      sendJson(response, fault.status, { error: { code: fault.status, message, status: fault.status === 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL" } }, headers);
      return "faulted";
    }
    case "slow_headers":
      await client.wait(fault.delayMs);
      if (client.gone) return "faulted";
      break;
    default:
      break;
  }
  const target = new URL(route.upstream.toString().replace(/\/+$/, "") + (request.url ?? "/"));
  return forwardAnswer({ target, request, body, response, client, fault });
}
