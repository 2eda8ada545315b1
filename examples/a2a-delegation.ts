/**
 * Two switchyard agents on loopback: a billing agent, and a front desk whose graph delegates billing questions
 * to it over A2A (graphs/delegating-support.ts). Cards are signed and verified, every request carries a fresh
 * 300 s token and a signed body, the billing agent's question comes back as the front desk's INPUT_REQUIRED,
 * and the front desk rotates its key midway without the billing agent noticing more than one JWKS refetch.
 * Run: npx tsx examples/a2a-delegation.ts
 */
import { TaskState, type Message, type Task } from "@a2a-js/sdk";
import { Annotation, END, START, StateGraph, interrupt } from "@langchain/langgraph";
import { openSqliteSaver } from "../checkpoints/index.ts";
import { compileDelegatingSupport } from "../graphs/delegating-support.ts";
import { AgentKeyRing, RemoteAgent, TrustedKeys } from "../src/a2a/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";
import { createServer, type ServableGraph } from "../src/server/index.ts";

/** The billing agent's graph: a refund with an order number is approved; without one it asks which order. */
function billingGraph(checkpointer: ReturnType<typeof openSqliteSaver>) {
  const State = Annotation.Root({ question: Annotation<string>(), answer: Annotation<string>() });
  return new StateGraph(State)
    .addNode("refunds", (state) => {
      const order = /ORD-\d+/.exec(state.question)?.[0] ?? String(interrupt("Which order number should be refunded?"));
      return { answer: `billing: refund for ${order} approved` };
    })
    .addEdge(START, "refunds")
    .addEdge("refunds", END)
    .compile({ checkpointer, name: "billing" });
}

const show = (label: string, result: Task | Message) => {
  if (!("status" in result)) return console.log(`${label}: message ${JSON.stringify(result.parts)}`);
  const parts = result.status?.state === TaskState.TASK_STATE_COMPLETED ? result.artifacts.flatMap((artifact) => artifact.parts) : (result.status?.message?.parts ?? []);
  console.log(`${label}: ${TaskState[result.status?.state ?? 0]} ${JSON.stringify(parts.map((part) => part.content?.value))}`);
};

// The front desk: its own key ring (its identity as a caller), its graph calling the billing agent.
const frontKeys = await AgentKeyRing.open();
// The front desk's graph is built before the billing agent listens: it reads the agent from here when it runs.
const wiring: { billing?: RemoteAgent } = {};
const frontSaver = openSqliteSaver(":memory:");
const customer = { issuer: "urn:example:customer-app", keys: await AgentKeyRing.open() };
const frontGraph = compileDelegatingSupport(() => {
  if (wiring.billing === undefined) throw new Error("the billing agent is not listening yet");
  return wiring.billing;
}, frontSaver);
const front = createServer({ graphs: { front_desk: { graph: frontGraph as unknown as ServableGraph, description: "front desk" } }, persistence: { checkpointer: frontSaver }, a2a: { keys: frontKeys, peers: [{ issuer: customer.issuer, keys: customer.keys.jwks().keys }] } });
const frontListening = await front.serve({ port: 0, host: "127.0.0.1" });
const frontIssuer = `${frontListening.url}/a2a`;

// The billing agent trusts the front desk's published JWKS and requires signed bodies from it.
const billingEvents = new MemoryEventSink();
const billingSaver = openSqliteSaver(":memory:");
const billing = createServer({
  graphs: { billing: { graph: billingGraph(billingSaver) as unknown as ServableGraph, description: "refunds and invoices" } },
  persistence: { checkpointer: billingSaver },
  // refetchMs 0 follows the rotation below at once; the default (10 s) bounds what a flood of bad kids costs.
  a2a: { events: billingEvents, peers: [{ issuer: frontIssuer, jwksUrl: `${frontIssuer}/jwks.json`, signsBodies: true, refetchMs: 0 }] },
});
const billingListening = await billing.serve({ port: 0, host: "127.0.0.1" });
wiring.billing = new RemoteAgent({ url: `${billingListening.url}/a2a/billing`, keys: new TrustedKeys({ jwksUrl: `${billingListening.url}/a2a/jwks.json` }), identity: { issuer: frontIssuer, keys: frontKeys } });
console.log(`front desk ${frontListening.url}/a2a/front_desk, billing ${billingListening.url}/a2a/billing`);

const frontDesk = new RemoteAgent({ url: `${frontListening.url}/a2a/front_desk`, keys: new TrustedKeys({ jwksUrl: `${frontIssuer}/jwks.json` }), identity: customer });
show("general question", await frontDesk.send({ data: { question: "when are you open?" } }));
show("refund with order", await frontDesk.send({ data: { question: "please refund ORD-1001" } }));
const asked = await frontDesk.send({ data: { question: "I want a refund" } });
show("refund without order", asked);
if ("status" in asked) show("answered", await frontDesk.send({ text: "ORD-2002", taskId: asked.id, contextId: asked.contextId }));
console.log(`front desk rotates its key: now signing with ${await frontKeys.rotate()}`);
show("after rotation", await frontDesk.send({ data: { question: "refund ORD-3003 too" } }));
console.log(`billing agent's security log: ${billingEvents.events.map((event) => `${event.kind} (${event.subject})`).join(", ")}`);

await frontListening.close();
await billingListening.close();
await front.close();
await billing.close();
