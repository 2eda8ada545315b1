import { ServerRequestError, notFound } from "./http-error.ts";
import type { AssistantRecord, AssistantVersion } from "./assistant-table.ts";
import type { AssistantState } from "./state/server-state.ts";
import { uuid5, type ServedGraph } from "./served-graph.ts";

export type { AssistantRecord, AssistantVersion } from "./assistant-table.ts";

/** What `client.assistants.create` sends (snake_case). */
export interface AssistantCreate {
  graph_id: string;
  assistant_id?: string | null | undefined;
  config?: Record<string, unknown> | null | undefined;
  context?: Record<string, unknown> | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
  if_exists?: "raise" | "do_nothing" | null | undefined;
  name?: string | null | undefined;
  description?: string | null | undefined;
}

export type AssistantPatch = { [Key in keyof Omit<AssistantCreate, "assistant_id" | "if_exists">]?: AssistantCreate[Key] | null };

export interface AssistantQuery {
  graph_id?: string | null | undefined;
  name?: string | null | undefined;
  metadata?: Record<string, unknown> | null | undefined;
}

/** Every key of `filter` holds the same JSON in `metadata` (top-level containment, as the official server). */
export function metadataMatches(metadata: Record<string, unknown>, filter: Record<string, unknown> | null | undefined): boolean {
  return Object.entries(filter ?? {}).every(([key, value]) => JSON.stringify(metadata[key]) === JSON.stringify(value));
}

/**
 * The assistants of a server: one system assistant per served graph (id uuid5(graph_id), as the official
 * server derives it, so ids match across servers) and those clients create, each versioned. Only assistants
 * of a graph this server serves are found: a stored one whose graph is no longer served stays in the table.
 */
export class Assistants {
  readonly #graphs: ReadonlyMap<string, ServedGraph>;
  readonly #table: AssistantState;
  readonly #now: () => number;
  readonly #generateId: () => string;
  /** The records as last read or written here, for the synchronous `all()` (MCP tools, A2A agents). */
  #known = new Map<string, AssistantRecord>();
  /** Each served graph's own assistant id (uuid5 of its id: a SHA-1 per run otherwise). */
  readonly #systemIds: ReadonlyMap<string, string>;

  constructor(graphs: ReadonlyMap<string, ServedGraph>, table: AssistantState, now: () => number, generateId: () => string) {
    this.#graphs = graphs;
    this.#systemIds = new Map([...graphs.keys()].map((graphId) => [graphId, uuid5(graphId)]));
    this.#table = table;
    this.#now = now;
    this.#generateId = generateId;
    // Until init() has read the table, each graph's own assistant as init() would write it.
    for (const [graphId, served] of graphs) this.#known.set(uuid5(graphId), this.#systemRecord(graphId, served));
  }

  #systemRecord(graphId: string, served: ServedGraph): AssistantRecord {
    const stamp = this.#stamp();
    return { assistant_id: uuid5(graphId), graph_id: graphId, config: {}, context: {}, metadata: { created_by: "system" }, created_at: stamp, updated_at: stamp, version: 1, name: graphId, description: served.description ?? null };
  }

  /** Writes each served graph's own assistant when the table lacks it (several replicas may race: the write is idempotent). */
  async init(): Promise<void> {
    for (const [graphId, served] of this.#graphs) {
      if ((await this.#table.get(uuid5(graphId))) !== undefined) continue;
      await this.#table.save(this.#systemRecord(graphId, served));
    }
    await this.list();
  }

  #stamp(): string {
    return new Date(this.#now()).toISOString();
  }

  /** Served assistants, newest first (the official server's order), read from the table. */
  async list(): Promise<AssistantRecord[]> {
    const records = await this.#table.all();
    this.#known = new Map(records.map((record) => [record.assistant_id, record]));
    return records.filter((record) => this.#graphs.has(record.graph_id)).reverse();
  }

  /** Served assistants as last read or written here (each graph's own always among them), newest first; no I/O. */
  all(): AssistantRecord[] {
    return [...this.#known.values()].filter((record) => this.#graphs.has(record.graph_id)).reverse();
  }

  /** An assistant by its id, or a graph id for that graph's system assistant. */
  async find(idOrGraph: string): Promise<AssistantRecord | undefined> {
    const id = this.#systemIds.get(idOrGraph) ?? idOrGraph;
    const record = await this.#table.get(id);
    return record !== undefined && this.#graphs.has(record.graph_id) ? record : undefined;
  }

  async get(idOrGraph: string): Promise<AssistantRecord> {
    const record = await this.find(idOrGraph);
    if (record === undefined) throw notFound("assistant", idOrGraph);
    return record;
  }

  served(record: AssistantRecord): ServedGraph {
    const served = this.#graphs.get(record.graph_id);
    if (served === undefined) throw new ServerRequestError(404, `graph "${record.graph_id}" of assistant "${record.assistant_id}" is not served here`, "graph_id");
    return served;
  }

  /**
   * A graph's own assistant is shared by every caller that names the graph: changing or deleting it would
   * change every other caller's runs, so it is refused (a caller makes an assistant of its own instead).
   */
  async #mutable(assistantId: string, action: string): Promise<AssistantRecord> {
    const current = await this.get(assistantId);
    if (current.assistant_id === uuid5(current.graph_id)) {
      throw new ServerRequestError(403, `assistant "${current.assistant_id}" is graph ${current.graph_id}'s own, shared by every caller; it cannot be ${action}. Fix: create an assistant of your own with POST /assistants { "graph_id": "${current.graph_id}" }.`, "assistant_id");
    }
    return current;
  }

  async search(query: AssistantQuery): Promise<AssistantRecord[]> {
    const name = query.name?.toLowerCase();
    return (await this.list()).filter(
      (record) =>
        (query.graph_id == null || record.graph_id === query.graph_id) &&
        (name === undefined || record.name.toLowerCase().includes(name)) &&
        metadataMatches(record.metadata, query.metadata),
    );
  }

  #servedGraphId(graphId: string): string {
    if (this.#graphs.has(graphId)) return graphId;
    throw new ServerRequestError(404, `graph_id "${graphId}" is not served. Fix: use one of ${[...this.#graphs.keys()].join(", ")}.`, "graph_id");
  }

  async create(body: AssistantCreate): Promise<AssistantRecord> {
    const graphId = this.#servedGraphId(body.graph_id);
    const assistantId = body.assistant_id ?? this.#generateId();
    const existing = await this.#table.get(assistantId);
    if (existing !== undefined) {
      if (body.if_exists === "do_nothing") return existing;
      throw new ServerRequestError(409, `assistant "${assistantId}" already exists. Fix: omit assistant_id, or send if_exists "do_nothing".`, "assistant_id");
    }
    const stamp = this.#stamp();
    return this.#save({
      assistant_id: assistantId,
      graph_id: graphId,
      config: body.config ?? {},
      context: body.context ?? {},
      metadata: body.metadata ?? {},
      created_at: stamp,
      updated_at: stamp,
      version: 1,
      name: body.name || graphId,
      description: body.description ?? null,
    });
  }

  /** A patch is a new version (config, context, graph, name, description replaced; metadata merged). */
  async update(assistantId: string, patch: AssistantPatch): Promise<AssistantRecord> {
    const current = await this.#mutable(assistantId, "updated");
    const stamp = this.#stamp();
    return this.#save({
      ...current,
      ...(patch.graph_id == null ? {} : { graph_id: this.#servedGraphId(patch.graph_id) }),
      ...(patch.config == null ? {} : { config: patch.config }),
      ...(patch.context == null ? {} : { context: patch.context }),
      ...(patch.name == null ? {} : { name: patch.name }),
      ...(patch.description == null ? {} : { description: patch.description }),
      metadata: { ...current.metadata, ...patch.metadata },
      version: (await this.#table.latestVersion(current.assistant_id)) + 1,
      updated_at: stamp,
    });
  }

  async delete(assistantId: string): Promise<string> {
    const current = await this.#mutable(assistantId, "deleted");
    await this.#table.delete(current.assistant_id);
    this.#known.delete(current.assistant_id);
    return current.assistant_id;
  }

  async versions(assistantId: string, metadata: Record<string, unknown> | null | undefined): Promise<AssistantVersion[]> {
    const current = await this.get(assistantId);
    return (await this.#table.versions(current.assistant_id)).filter((version) => metadataMatches(version.metadata, metadata));
  }

  /** Makes an earlier (or later) version the one runs use. */
  async setLatest(assistantId: string, version: number): Promise<AssistantRecord> {
    const current = await this.#mutable(assistantId, "moved to another version");
    const chosen = (await this.#table.versions(current.assistant_id)).find((candidate) => candidate.version === version);
    if (chosen === undefined) throw new ServerRequestError(404, `assistant "${current.assistant_id}" has no version ${version}. Fix: list them with getVersions.`, "version");
    return this.#save({ ...chosen, created_at: current.created_at, updated_at: this.#stamp() });
  }

  async #save(record: AssistantRecord): Promise<AssistantRecord> {
    const saved = await this.#table.save(record);
    this.#known.set(saved.assistant_id, saved);
    return saved;
  }
}
