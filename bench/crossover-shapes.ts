import { z } from "zod";
import { requestDraws } from "../src/emulators/request-draws.ts";
import { synthesiseValue } from "../src/emulators/synthesise-value.ts";
import { toJsonSchema, type JsonSchema } from "../src/output-modes/index.ts";
import { ticketExtractionSchema, workloadTasks } from "../src/workload/index.ts";

/** One schema shape of the crossover bench, with the documents asked about and the answer each one has. */
export interface CrossoverShape {
  name: string;
  schemaId: string;
  schema: z.ZodType;
  /** Request inputs and the answer a correct model gives (what the bench's emulator oracle returns). */
  cases: { input: string; answer: unknown }[];
}

const lineItem = z.object({
  sku: z.string().describe("the product code"),
  description: z.string(),
  quantity: z.int().min(1),
  unit_price: z.number().min(0),
  tax_rate: z.number().min(0).max(1),
});

export const invoiceSchema = z.object({
  invoice_id: z.string(),
  issued: z.iso.date(),
  customer_email: z.email(),
  currency: z.enum(["EUR", "USD", "GBP"]),
  line_items: z.array(lineItem).describe("every line of the invoice, in order"),
  total: z.number(),
});

export const orderSchema = z.object({
  order_id: z.uuid(),
  placed_at: z.iso.datetime(),
  customer: z.object({
    name: z.string(),
    email: z.email(),
    address: z.object({ street: z.string(), city: z.string(), postcode: z.string(), country: z.string() }),
  }),
  shipping: z.object({ method: z.enum(["standard", "express", "pickup"]), eta: z.iso.date().nullable() }),
  gift: z.boolean(),
});

export const contactsSchema = z.object({
  contacts: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.email(), homepage: z.url(), signed_up: z.iso.datetime() })),
});

/**
 * A document's answer: synthesised with the emulator's own generator from a copy of the schema whose lists
 * hold exactly `items` entries (the document has that many lines; the registered schema does not say so).
 */
function answerWith(schema: JsonSchema, items: number, seed: string): unknown {
  const fixed = JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === "" || typeof value !== "object" || value === null || !("items" in value) ? value : { ...value, minItems: items, maxItems: items },
  ) as JsonSchema;
  return synthesiseValue(fixed, { random: requestDraws(["crossover", seed]) });
}

/**
 * The document a model reads: the answer's facts written out as a real one would be, scalar facts as
 * `label: value` lines and a list of records as a table (a header, then one row per record), so the
 * input grows with the answer as an invoice's does.
 */
function documentOf(title: string, answer: unknown): string {
  const lines: string[] = [title];
  const walk = (value: unknown, label: string): void => {
    if (Array.isArray(value) && value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) {
      const columns = [...new Set(value.flatMap((item: object) => Object.keys(item)))];
      lines.push(`${label}:`, columns.map((column) => column.replace(/_/g, " ")).join(" | "));
      for (const item of value as Record<string, unknown>[]) lines.push(columns.map((column) => String(item[column] ?? "")).join(" | "));
    } else if (Array.isArray(value)) lines.push(`${label}: ${value.map(String).join(", ")}`);
    else if (typeof value === "object" && value !== null) for (const [key, child] of Object.entries(value)) walk(child, `${label} ${key.replace(/_/g, " ")}`.trim());
    else lines.push(`${label}: ${String(value)}`);
  };
  walk(answer, "");
  return lines.join("\n");
}

/** The shapes, from a flat answer (the workload's tickets) to one of 20 line items. */
export function crossoverShapes(casesPerShape: number): CrossoverShape[] {
  const documents = (schema: z.ZodType, title: string, items: number) =>
    Array.from({ length: casesPerShape }, (_, index) => {
      const answer = answerWith(toJsonSchema(schema), items, `${title}-${items}-${index}`);
      return { input: documentOf(`Extract the ${title} below.`, answer), answer };
    });
  return [
    { name: "flat ticket (workload)", schemaId: "ticket", schema: ticketExtractionSchema, cases: workloadTasks().slice(0, casesPerShape).map((task) => ({ input: task.input, answer: task.gold })) },
    { name: "nested order (no lists)", schemaId: "bench_order", schema: orderSchema, cases: documents(orderSchema, "order", 0) },
    { name: "invoice, 3 line items", schemaId: "bench_invoice", schema: invoiceSchema, cases: documents(invoiceSchema, "invoice", 3) },
    { name: "invoice, 20 line items", schemaId: "bench_invoice", schema: invoiceSchema, cases: documents(invoiceSchema, "invoice", 20) },
    { name: "contacts, 10 with formats", schemaId: "bench_contacts", schema: contactsSchema, cases: documents(contactsSchema, "contact list", 10) },
  ];
}
