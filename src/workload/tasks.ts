import { readFileSync } from "node:fs";
import { z } from "zod";
import { SwitchyardError } from "../errors.ts";
import { ticketExtractionSchema, type TicketExtraction } from "./schema.ts";
import { TASK_KEY_LENGTH } from "./ticket-generator.ts";

/** The seed and size `scripts/generate-workload.ts` writes `tickets.json` with. */
export const WORKLOAD_SEED = 20_240_611;
export const WORKLOAD_SIZE = 264;

/** One extraction task of the bundled workload: a support ticket and its gold label. */
export interface WorkloadTask {
  id: string;
  input: string;
  gold: TicketExtraction;
}

const ticketsFileSchema = z.array(z.object({ id: z.string().min(1), input: z.string().min(1), gold: ticketExtractionSchema }));

const ticketsUrl = new URL("./tickets.json", import.meta.url);

interface LoadedWorkload {
  tasks: readonly WorkloadTask[];
  byKey: ReadonlyMap<string, WorkloadTask>;
}

let loaded: LoadedWorkload | undefined;

function load(): LoadedWorkload {
  if (loaded !== undefined) return loaded;
  const path = ticketsUrl.pathname;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(ticketsUrl, "utf8"));
  } catch (error) {
    throw new SwitchyardError("input_invalid", `cannot read the workload file ${path}: ${String(error)}. Run \`npx tsx scripts/generate-workload.ts\`.`, { cause: error });
  }
  const parsed = ticketsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SwitchyardError(
      "input_invalid",
      `the workload file ${path} is invalid at ${issue?.path.join(".") ?? "(root)"}: ${issue?.message ?? "unknown"}. Regenerate it with \`npx tsx scripts/generate-workload.ts\`.`,
    );
  }
  const byKey = new Map<string, WorkloadTask>();
  for (const task of parsed.data) byKey.set(task.input.slice(0, TASK_KEY_LENGTH), task);
  loaded = { tasks: parsed.data, byKey };
  return loaded;
}

/**
 * All tasks of the bundled workload (support tickets to `TicketExtraction`), validated on first use.
 *
 * @example
 * const [first] = workloadTasks();
 * await model.withStructuredOutput(ticketExtractionSchema).invoke(buildTaskPrompt(first));
 */
export function workloadTasks(): WorkloadTask[] {
  return [...load().tasks];
}

/**
 * The task whose ticket text appears in `text` (a prompt, a whole conversation), or undefined. Looks up
 * each line's opening characters in an index before falling back to a scan, so a prompt built by
 * {@link buildTaskPrompt} costs one map lookup per line.
 */
export function findTaskInText(text: string): WorkloadTask | undefined {
  const { tasks, byKey } = load();
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    const candidate = byKey.get(trimmed.slice(0, TASK_KEY_LENGTH));
    if (candidate !== undefined && text.includes(candidate.input)) return candidate;
  }
  return tasks.find((task) => text.includes(task.input));
}

/** The user message for a task: the instruction, then the ticket text on its own line. */
export function buildTaskPrompt(task: WorkloadTask): string {
  return [
    "Extract the routing decision from this support ticket: its category, priority, the customer's sentiment,",
    "the named entities in order of first mention, the next support action, and any money amount (null if none).",
    "",
    "Ticket:",
    task.input,
  ].join("\n");
}

/**
 * Whether a model's output equals the gold label: schema-valid, strings trimmed, entity names compared
 * case-insensitively, entities in the order given.
 */
export function isCorrect(gold: TicketExtraction, value: unknown): boolean {
  const parsed = ticketExtractionSchema.safeParse(value);
  if (!parsed.success) return false;
  const candidate = parsed.data;
  const name = (text: string) => text.trim().toLowerCase();
  return (
    candidate.category === gold.category &&
    candidate.priority === gold.priority &&
    candidate.sentiment === gold.sentiment &&
    candidate.action === gold.action &&
    sameAmount(candidate.amount, gold.amount) &&
    candidate.entities.length === gold.entities.length &&
    candidate.entities.every((entity, index) => {
      const expected = gold.entities[index];
      return expected !== undefined && entity.type === expected.type && name(entity.name) === name(expected.name);
    })
  );
}

function sameAmount(left: number | null, right: number | null): boolean {
  if (left === null || right === null) return left === right;
  return Math.abs(left - right) < 0.005;
}
