import type { CheckpointListOptions } from "@langchain/langgraph-checkpoint";
import type Database from "better-sqlite3";
import { canonicalJson } from "./saver-codec.ts";
import { buildListQuery } from "./saver-sql.ts";

/** How `list` reads: the rows from SQL, and the filter entries that only a loaded row can answer. */
export interface ListPlan {
  rows: unknown[];
  /** (key, canonical JSON) pairs matched against each loaded row's metadata. */
  afterLoad: Array<[string, string]>;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/**
 * Plans and runs the SQL of `list`: scalar filter entries go to the metadata index, most selective first
 * (each estimated with a bounded count); objects and arrays (e.g. `parents`) are matched after loading.
 * Prepared statements are kept per distinct SQL text, up to 64.
 */
export class ListPlanner {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly estimate: Database.Statement;

  constructor(
    private readonly database: Database.Database,
    estimateSql: string,
  ) {
    this.estimate = database.prepare(estimateSql).pluck();
  }

  run(configurable: Record<string, unknown>, options: CheckpointListOptions): ListPlan {
    const threadId = configurable.thread_id ? String(configurable.thread_id) : undefined;
    const checkpointNs = configurable.checkpoint_ns === undefined || configurable.checkpoint_ns === null ? undefined : String(configurable.checkpoint_ns);
    const indexed: Array<[string, string]> = [];
    const afterLoad: Array<[string, string]> = [];
    for (const [key, value] of Object.entries(options.filter ?? {})) {
      if (value === undefined) continue;
      (isScalar(value) ? indexed : afterLoad).push([key, canonicalJson(value) ?? "null"]);
    }
    if (indexed.length > 1 && threadId !== undefined) {
      // Without a namespace the root namespace stands in: nearly all of a thread's checkpoints live there.
      const sizes = new Map(indexed.map((entry) => [entry, Number(this.estimate.get(threadId, checkpointNs ?? "", ...entry))]));
      indexed.sort((left, right) => (sizes.get(left) ?? 0) - (sizes.get(right) ?? 0));
    }
    const before = options.before?.configurable?.checkpoint_id as string | undefined;
    const { sql, parameters } = buildListQuery({
      threadId,
      checkpointNs,
      checkpointId: configurable.checkpoint_id ? String(configurable.checkpoint_id) : undefined,
      before: before ? before : undefined,
      filter: indexed,
      limit: afterLoad.length > 0 ? undefined : options.limit,
    });
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.database.prepare(sql);
      if (this.statements.size < 64) this.statements.set(sql, statement);
    }
    return { rows: statement.all(...parameters), afterLoad };
  }
}

/** True when the loaded metadata matches every filter entry left for after loading. */
export function matchesAfterLoad(metadata: Record<string, unknown>, afterLoad: Array<[string, string]>): boolean {
  return afterLoad.every(([key, text]) => canonicalJson(metadata[key]) === text);
}
