import { z } from "zod";

/** One executed tool call, as the ledger and the state record it. */
export const toolExecutionSchema = z.object({ id: z.string(), tool: z.string(), args: z.record(z.string(), z.unknown()), result: z.string() });
export type ToolExecution = z.infer<typeof toolExecutionSchema>;

/** The example support agent's tools: names, descriptions and argument schemas for `bindTools`. */
export const supportToolSpecs = [
  { name: "lookup_order", description: "Look up an order by id", schema: z.object({ order_id: z.string() }) },
  { name: "refund", description: "Refund an amount on an order", schema: z.object({ order_id: z.string(), amount: z.number().int() }) },
  { name: "lock_database", description: "Lock the database before writing", schema: z.object({}) },
  { name: "unlock_database", description: "Unlock the database", schema: z.object({}) },
  { name: "write_to_database", description: "Write a value to a table", schema: z.object({ table: z.string(), value: z.string() }) },
  { name: "delete_record", description: "Delete a record", schema: z.object({ record_id: z.string() }) },
  { name: "send_email", description: "Send an email to a customer", schema: z.object({ to: z.union([z.string(), z.array(z.string())]), body: z.string() }) },
  {
    name: "submit_plan",
    description: "Submit the whole plan (tool calls in order) before acting; it is proved against the policy, then run step by step",
    schema: z.object({ steps: z.array(z.object({ action: z.string(), args: z.record(z.string(), z.unknown()) })) }),
  },
] as const;

/**
 * In-memory fake tools that record every execution, so tests can assert that nothing forbidden ever ran
 * (the ledger sits outside the graph state: a node cannot hide an execution from it).
 */
export class SupportToolLedger {
  readonly executions: ToolExecution[] = [];
  private readonly rows = new Map<string, string>([["orders:A100", "shipped"]]);

  execute(id: string, tool: string, args: Record<string, unknown>): ToolExecution {
    const result = this.run(tool, args);
    const execution = { id, tool, args, result };
    this.executions.push(execution);
    return execution;
  }

  private run(tool: string, args: Record<string, unknown>): string {
    switch (tool) {
      case "lookup_order":
        return JSON.stringify({ order_id: args.order_id, status: this.rows.get(`orders:${String(args.order_id)}`) ?? "unknown" });
      case "refund":
        return `refunded ${String(args.amount)} on ${String(args.order_id)}`;
      case "write_to_database":
        this.rows.set(`${String(args.table)}:${String(args.value)}`, String(args.value));
        return `wrote ${String(args.value)} to ${String(args.table)}`;
      case "delete_record":
        this.rows.delete(String(args.record_id));
        return `deleted ${String(args.record_id)}`;
      case "send_email":
        return `sent to ${String(args.to)}`;
      default:
        return `${tool} done`;
    }
  }
}
