import type { JsonSchema } from "../output-modes/json-schema.ts";
import { findTaskInText } from "../workload/tasks.ts";

/**
 * What an emulator "knows": the answer for a prompt (the user text of the request) and the schema the
 * request asks for, or undefined when it does not know. For unknown prompts with a schema the emulator
 * synthesises a schema-conforming value itself.
 */
export type Oracle = (prompt: string, schema: JsonSchema | undefined) => unknown | undefined;

/**
 * The default oracle: the gold label of the bundled workload task whose ticket appears in the prompt.
 *
 * @example
 * workloadOracle(buildTaskPrompt(task), undefined); // task.gold
 */
export const workloadOracle: Oracle = (prompt) => {
  const task = findTaskInText(prompt);
  return task === undefined ? undefined : structuredClone(task.gold);
};
