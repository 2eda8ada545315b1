import type Database from "better-sqlite3";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { SwitchyardSqliteSaver } from "./sqlite-saver.ts";

/** One prepared lookup per database: a server asks before every run on a thread. */
const lookups = new WeakMap<Database.Database, Database.Statement>();

/**
 * The id of a thread's latest checkpoint (root namespace), or undefined when it has none, without reading the
 * checkpoint: on switchyard's SQLite saver one indexed lookup, where `getTuple` would deserialise every channel
 * (every message of a long conversation) only for the id; on any other saver, its `getTuple`. "Latest" is the
 * greatest id, as the saver's own latest read takes it (checkpoint ids sort by time).
 *
 * @example
 * const startedFrom = await latestCheckpointId(checkpointer, threadId); // recorded before a run starts
 */
export async function latestCheckpointId(saver: BaseCheckpointSaver, threadId: string): Promise<string | undefined> {
  if (!(saver instanceof SwitchyardSqliteSaver)) {
    const tuple = await saver.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: "" } });
    const id: unknown = tuple?.config.configurable?.checkpoint_id;
    return typeof id === "string" ? id : undefined;
  }
  let lookup = lookups.get(saver.database);
  if (lookup === undefined) {
    lookup = saver.database.prepare("SELECT max(checkpoint_id) FROM sy_checkpoints WHERE thread_id = ? AND checkpoint_ns = ''").pluck();
    lookups.set(saver.database, lookup);
  }
  const id: unknown = lookup.get(threadId);
  return typeof id === "string" ? id : undefined;
}
