import fs from "node:fs";
import path from "node:path";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { openSqliteSaver } from "./sqlite-saver.ts";

export interface Persistence {
  checkpointer: BaseCheckpointSaver;
  describe: string;
  close(): Promise<void>;
}

/**
 * The one persistence choice that the CLI, app code and the server share: a SQLite file path,
 * ":memory:", or a postgres:// URL.
 */
export async function openPersistence(url: string): Promise<Persistence> {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const { PostgresSaver } = await import("@langchain/langgraph-checkpoint-postgres");
    const saver = PostgresSaver.fromConnString(url);
    await saver.setup();
    return { checkpointer: saver, describe: "postgres", close: () => saver.end() };
  }
  if (url !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(url)), { recursive: true });
  const saver = openSqliteSaver(url);
  return { checkpointer: saver, describe: url, close: async () => saver.close() };
}
