/** The bundled workload: support tickets with gold `TicketExtraction` labels. */
export * from "./schema.ts";
export { buildTaskPrompt, findTaskInText, isCorrect, workloadTasks, WORKLOAD_SEED, WORKLOAD_SIZE, type WorkloadTask } from "./tasks.ts";
export { generateTickets, type GeneratedTicket } from "./ticket-generator.ts";
export { seededRandom, type SeededRandom } from "./seeded-random.ts";
