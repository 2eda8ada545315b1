/**
 * The router's two nodes wired inline in the gateway (issue #18), against the router nested lean as a
 * subgraph (the wiring before), in one process and one run: CPU per request of `graph.invoke` on the same
 * engine and saver, quiet emulator profile, emulators on a worker thread, blocks of 10 requests alternating
 * between the variants (order reversed every other block). "before" is a frozen copy of the previous wiring,
 * node for node and edge for edge. A one-off behind docs/gateway.md, not in `npm run bench`:
 *
 *   ROUNDS=300 npx tsx bench/request-cost-inline.ts
 */
import { buildGatewayGraph } from "../graphs/gateway.ts";
import { acceptRequest } from "../nodes/index.ts";
import { compareCpu, nestedGateway, persistence } from "./gateway-wiring-ab.ts";

const rounds = Number(process.env.ROUNDS ?? 300);
// "before": the router subgraph nested lean as one node "router" (the previous wiring).
await compareCpu({ before: nestedGateway(acceptRequest, { lean: true }), after: buildGatewayGraph().compile(persistence) }, rounds);
