import { ticketPriorities, ticketSentiments, type TicketExtraction } from "./schema.ts";
import { seededRandom, type SeededRandom } from "./seeded-random.ts";
import {
  closings,
  currencySymbols,
  locations,
  openers,
  organizations,
  people,
  prioritySentences,
  products,
  scenarios,
  toneSentences,
  type TicketScenario,
} from "./ticket-vocabulary.ts";

/** One generated ticket with its gold label, as stored in `tickets.json`. */
export interface GeneratedTicket {
  id: string;
  input: string;
  gold: TicketExtraction;
}

type Entity = TicketExtraction["entities"][number];

/** The characters a task's index key is made of: long enough that no two tickets share it. */
export const TASK_KEY_LENGTH = 48;

/**
 * Generates `count` tickets deterministically from `seed`. Every gold field is derived from the slots
 * the generator filled in, so the labels are right by construction.
 *
 * @example
 * const tickets = generateTickets({ seed: 20240601, count: 264 });
 */
export function generateTickets(options: { seed: number; count: number }): GeneratedTicket[] {
  const random = seededRandom(options.seed);
  const byCategory = new Map<string, TicketScenario[]>();
  for (const scenario of scenarios) byCategory.set(scenario.category, [...(byCategory.get(scenario.category) ?? []), scenario]);
  const categories = [...byCategory.keys()];
  const tickets: GeneratedTicket[] = [];
  const seenKeys = new Set<string>();
  let attempts = 0;
  while (tickets.length < options.count) {
    if (++attempts > options.count * 50) throw new Error(`could not generate ${options.count} distinct tickets; add templates`);
    const category = categories[tickets.length % categories.length] as string;
    const ticket = generateOne(random, byCategory.get(category) ?? []);
    const key = ticket.input.slice(0, TASK_KEY_LENGTH);
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    tickets.push({ id: `ticket-${String(tickets.length + 1).padStart(3, "0")}`, ...ticket });
  }
  return tickets;
}

function generateOne(random: SeededRandom, candidates: readonly TicketScenario[]): Omit<GeneratedTicket, "id"> {
  const scenario = random.pick(candidates);
  const priority = random.pick(ticketPriorities);
  const sentiment = scenario.sentiment ?? random.pick(ticketSentiments);
  const amountValue = random.integer(5, 1800) + random.pick([0, 0.5, 0.99, 0.25]);
  const slots = {
    person: random.pick(people),
    org: random.pick(organizations),
    product: random.pick(products),
    location: random.pick(locations),
    order: `ORD-${random.integer(10000, 99999)}`,
    amount: formatAmount(random.pick(currencySymbols), amountValue),
  };
  const body = random.pick(scenario.templates);
  const opener = random.pick(openers);
  const urgency = random.pick(prioritySentences[priority]);
  const tone = random.pick(toneSentences[sentiment]);
  const middle = random.chance(0.5) ? [urgency, tone] : [tone, urgency];
  const sentences = [opener, body, ...middle, random.pick(closings)].filter((sentence) => sentence !== "");
  const input = fill(sentences.join(" "), slots);

  const used = (placeholder: string) => sentences.some((sentence) => sentence.includes(`{${placeholder}}`));
  const candidatesEntities: Entity[] = [
    ...(used("person") ? [{ name: slots.person, type: "person" as const }] : []),
    ...(used("org") ? [{ name: slots.org, type: "organization" as const }] : []),
    ...(used("product") ? [{ name: slots.product, type: "product" as const }] : []),
    ...(used("location") ? [{ name: slots.location, type: "location" as const }] : []),
    ...(used("order") ? [{ name: slots.order, type: "order_id" as const }] : []),
  ];
  for (const entity of candidatesEntities) {
    for (const other of candidatesEntities) {
      if (entity !== other && other.name.includes(entity.name)) throw new Error(`entity "${entity.name}" is inside "${other.name}"`);
    }
  }
  const entities = candidatesEntities.sort((left, right) => input.indexOf(left.name) - input.indexOf(right.name));
  return {
    input,
    gold: {
      category: scenario.category,
      priority,
      sentiment,
      entities,
      action: decideAction(scenario.action, priority),
      amount: used("amount") ? amountValue : null,
    },
  };
}

/** Urgent tickets that would otherwise wait for an answer or an investigation go to a human at once. */
function decideAction(action: TicketExtraction["action"], priority: TicketExtraction["priority"]): TicketExtraction["action"] {
  if (priority === "urgent" && (action === "reply" || action === "investigate")) return "escalate";
  return action;
}

function formatAmount(symbol: string, value: number): string {
  const text = value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${symbol}${text}`;
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => slots[name] ?? match);
}
