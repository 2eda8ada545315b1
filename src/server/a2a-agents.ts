import { AgentCard, type Message, type SendMessageRequest, type Task } from "@a2a-js/sdk";
import { DefaultExecutionEventBusManager, DefaultRequestHandler, JsonRpcTransportHandler, type ServerCallContext } from "@a2a-js/sdk/server";
import { LegacyJsonRpcTransportHandler } from "@a2a-js/sdk/compat/v0_3/server";
import { BlockingSend } from "./a2a-blocking-send.ts";
import { gatewayAdapter, messagesAdapter, routerAdapter, type A2aGraphAdapter } from "./a2a-adapter.ts";
import type { SignedCards} from "./a2a-card.ts";
import { buildAgentCard, buildExtendedAgentCard } from "./a2a-card.ts";
import { RunAgentExecutor } from "./a2a-executor.ts";
import type { ServerTaskStore } from "./a2a-task-store.ts";
import type { Assistants, AssistantRecord } from "./assistant-registry.ts";
import { graphSchemas } from "./graph-schemas.ts";
import type { RunManager } from "./run-manager.ts";
import { uuid5 } from "./served-graph.ts";
import type { A2aTaskState, ServerState } from "./state/server-state.ts";

/** One served graph as an A2A agent: its request handler (shared by both bindings) and executor. */
export interface A2aAgent {
  assistant: AssistantRecord;
  handler: DefaultRequestHandler;
  jsonRpc: JsonRpcTransportHandler;
  legacy: LegacyJsonRpcTransportHandler;
  executor: RunAgentExecutor;
  /** SendMessage over either binding: a blocking send that starts a task without the SDK's per-event round trips, else the handler's. */
  sendMessage(params: SendMessageRequest, context: ServerCallContext): Promise<Task | Message>;
}

export interface A2aAgentsOptions {
  assistants: Assistants;
  runs: RunManager;
  state: ServerState;
  tasks: A2aTaskState;
  taskStore: ServerTaskStore;
  cards: SignedCards;
  /** This server's public base URL (known once it listens). */
  baseUrl: () => string;
  version: string;
  adapters?: Record<string, A2aGraphAdapter>;
  /** Skills (A2A AgentSkill JSON) only authenticated peers see, by graph id. */
  extendedSkills?: Record<string, readonly Record<string, unknown>[]>;
  now: () => number;
  generateId: () => string;
}

/**
 * The served graphs as A2A agents, built once per graph: the SDK's request handler over our task store and
 * the run executor, both bindings' transports, and the signed public and extended cards.
 *
 * @example
 * const agent = agents.agent(agents.find("desk")!); // agent.handler.sendMessage(params, context)
 */
export class A2aAgents {
  readonly #options: A2aAgentsOptions;
  readonly #agents = new Map<string, A2aAgent>();

  constructor(options: A2aAgentsOptions) {
    this.#options = options;
    // A task a restart left mid-run is settled by its graph's executor from the run's record when it is read.
    options.taskStore.settle = (task) => this.#settle(task);
  }

  /** One agent per graph: the graph's own assistant (assistants callers created are not agents of their own). */
  list(): AssistantRecord[] {
    return this.#options.assistants.all().filter((record) => record.assistant_id === uuid5(record.graph_id));
  }

  /** The graph's own assistant, or undefined when `graph` is not a served graph. */
  find(graph: string): AssistantRecord | undefined {
    const known = this.#agents.get(graph);
    if (known !== undefined) return known.assistant;
    // Each served graph's own assistant is always in the registry's synchronous view (no storage round trip per request).
    return this.#options.assistants.all().find((record) => record.graph_id === graph && record.assistant_id === uuid5(graph));
  }

  agent(assistant: AssistantRecord): A2aAgent {
    const existing = this.#agents.get(assistant.graph_id);
    if (existing !== undefined) return existing;
    const options = this.#options;
    const adapter = options.adapters?.[assistant.graph_id] ?? (assistant.graph_id === "gateway" ? gatewayAdapter : assistant.graph_id === "router" ? routerAdapter(options.now) : messagesAdapter);
    const executor = new RunAgentExecutor({ runs: options.runs, state: options.state, tasks: options.tasks, graphId: assistant.graph_id, adapter, now: options.now, generateId: options.generateId });
    // The handler's own card decides capabilities and versions; callers read the signed one from the routes.
    const card = buildAgentCard(assistant, options.baseUrl(), options.version);
    const extended = async (context: ServerCallContext): Promise<AgentCard> => (context.user?.isAuthenticated ? this.extendedCard(assistant) : this.card(assistant));
    const buses = new DefaultExecutionEventBusManager();
    const handler = new DefaultRequestHandler(card, options.taskStore, executor, buses, undefined, undefined, extended);
    const blocking = new BlockingSend({ card, store: options.taskStore, executor, buses });
    const sendMessage = (params: SendMessageRequest, context: ServerCallContext) => (blocking.eligible(params) ? blocking.send(params, context) : handler.sendMessage(params, context));
    const agent: A2aAgent = { assistant, handler, jsonRpc: new JsonRpcTransportHandler(handler), legacy: new LegacyJsonRpcTransportHandler(handler), executor, sendMessage };
    this.#agents.set(assistant.graph_id, agent);
    return agent;
  }

  /** The signed public card. */
  card(assistant: AssistantRecord): Promise<AgentCard> {
    return this.#options.cards.card(`${assistant.graph_id}|public`, () => buildAgentCard(assistant, this.#options.baseUrl(), this.#options.version));
  }

  /** The signed extended card: only ever handed to an authenticated caller. */
  extendedCard(assistant: AssistantRecord): Promise<AgentCard> {
    return this.#options.cards.card(`${assistant.graph_id}|extended`, () => {
      const schemas = graphSchemas(this.#options.assistants.served(assistant).graph.builder);
      const skills = this.#options.extendedSkills?.[assistant.graph_id];
      return buildExtendedAgentCard(assistant, this.#options.baseUrl(), this.#options.version, { inputSchema: schemas.input_schema, outputSchema: schemas.output_schema, ...(skills ? { skills } : {}) });
    });
  }

  async #settle(task: Task): Promise<Task | undefined> {
    // An execute() of this process still drives the task: it publishes the ending itself (and no read is needed).
    for (const agent of this.#agents.values()) if (agent.executor.drives(task.id)) return undefined;
    const graph = (await this.#options.tasks.runLink(task.id))?.graph_id;
    const assistant = typeof graph === "string" ? this.find(graph) : undefined;
    return assistant === undefined ? undefined : this.agent(assistant).executor.settle(task);
  }
}

/** A JSON answer holding signed cards in their wire form (the card routes). */
export const cardsAnswer = (value: AgentCard | { agents: AgentCard[] }): Response =>
  new Response(JSON.stringify("agents" in value ? { agents: value.agents.map((card) => AgentCard.toJSON(card)) } : AgentCard.toJSON(value)), { headers: { "content-type": "application/json" } });
