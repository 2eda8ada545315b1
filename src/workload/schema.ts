import { z } from "zod";

/**
 * The bundled workload's target: a support ticket turned into a routing decision. Written for this
 * project; the emulators answer it from the gold labels so correctness can be measured.
 */
export const ticketCategories = ["billing", "technical", "account", "shipping", "feedback", "other"] as const;
export const ticketPriorities = ["low", "medium", "high", "urgent"] as const;
export const ticketSentiments = ["negative", "neutral", "positive"] as const;
export const entityTypes = ["person", "product", "organization", "order_id", "location"] as const;
export const ticketActions = ["refund", "escalate", "reply", "close", "investigate"] as const;

export const ticketExtractionSchema = z.object({
  category: z.enum(ticketCategories).describe("the ticket's topic"),
  priority: z.enum(ticketPriorities).describe("how soon support must act"),
  sentiment: z.enum(ticketSentiments).describe("the customer's tone"),
  entities: z
    .array(z.object({ name: z.string(), type: z.enum(entityTypes) }))
    .describe("named things in the ticket, in order of first mention"),
  action: z.enum(ticketActions).describe("what support should do next"),
  amount: z.number().nullable().describe("a money amount the customer mentions, in the ticket's currency, else null"),
});

export type TicketExtraction = z.infer<typeof ticketExtractionSchema>;
