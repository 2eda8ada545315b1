import type { StateSnapshot } from "@langchain/langgraph";

/** The API's checkpoint reference. */
export interface CheckpointRef {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string | null;
  checkpoint_map: Record<string, unknown> | null;
}

interface ConfigLike {
  configurable?: Record<string, unknown>;
}

/** A RunnableConfig's checkpoint coordinates, or null when it names none. */
export function checkpointOf(config: ConfigLike | undefined): CheckpointRef | null {
  const configurable = config?.configurable;
  if (configurable === undefined || typeof configurable.thread_id !== "string") return null;
  return {
    thread_id: configurable.thread_id,
    checkpoint_ns: typeof configurable.checkpoint_ns === "string" ? configurable.checkpoint_ns : "",
    checkpoint_id: typeof configurable.checkpoint_id === "string" ? configurable.checkpoint_id : null,
    checkpoint_map: (configurable.checkpoint_map as Record<string, unknown> | undefined) ?? null,
  };
}

/** Every pending interrupt of a snapshot, across its tasks. */
export function interruptsOf(snapshot: StateSnapshot): unknown[] {
  return snapshot.tasks.flatMap((task) => task.interrupts ?? []);
}

/** A StateSnapshot in the API's ThreadState shape. */
export function threadState(snapshot: StateSnapshot): Record<string, unknown> {
  return {
    values: snapshot.values ?? {},
    next: snapshot.next,
    tasks: snapshot.tasks.map((task) => ({
      id: task.id,
      name: task.name,
      path: task.path,
      error: task.error == null ? null : task.error instanceof Error ? task.error.message : String(task.error),
      interrupts: task.interrupts ?? [],
      checkpoint: task.state !== undefined && "configurable" in task.state ? checkpointOf(task.state as ConfigLike) : null,
      state: task.state !== undefined && "values" in task.state ? threadState(task.state as StateSnapshot) : null,
      result: task.result ?? null,
    })),
    metadata: snapshot.metadata ?? {},
    created_at: snapshot.createdAt ?? null,
    checkpoint: checkpointOf(snapshot.config),
    parent_checkpoint: checkpointOf(snapshot.parentConfig),
    interrupts: interruptsOf(snapshot),
  };
}
