/** The bundled workload: support tickets with gold `TicketExtraction` labels. */
export * from "./schema.ts";
export { buildTaskPrompt, findTaskInText, isCorrect, workloadTasks, WORKLOAD_SEED, WORKLOAD_SIZE, type WorkloadTask } from "./tasks.ts";
export { generateTickets, type GeneratedTicket } from "./ticket-generator.ts";
export { seededRandom, type SeededRandom } from "./seeded-random.ts";
// The long-conversation generator and its scorer (conversation-*.ts, retention-score.ts) are a bench harness:
// imported by path from bench/ and test/, not exported here, since the engine loads this index.
