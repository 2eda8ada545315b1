/** The bundled workload: support tickets with gold `TicketExtraction` labels. */
export * from "./schema.ts";
export { buildTaskPrompt, findTaskInText, isCorrect, workloadTasks, WORKLOAD_SEED, WORKLOAD_SIZE, type WorkloadTask } from "./tasks.ts";
export { generateTickets, type GeneratedTicket } from "./ticket-generator.ts";
export { seededRandom, type SeededRandom } from "./seeded-random.ts";
export { conversationKinds, phrasingVariants, type ConversationKind, type FactCategory, type PhrasingVariant } from "./conversation-facts.ts";
export { generateConversation, type Conversation, type ConversationOptions, type ConversationTurn, type PlantedFact } from "./conversation-generator.ts";
export { commonPrefixLength, scoreRetention, type RetentionScore, type SeenContext } from "./retention-score.ts";
