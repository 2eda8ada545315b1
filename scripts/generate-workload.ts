/**
 * Regenerates src/workload/tickets.json from a fixed seed. The output is committed; rerunning this script
 * must give the same bytes (the workload test checks a sample against the generator).
 *
 * Usage: npx tsx scripts/generate-workload.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateTickets } from "../src/workload/ticket-generator.ts";
import { WORKLOAD_SEED, WORKLOAD_SIZE } from "../src/workload/tasks.ts";

const target = fileURLToPath(new URL("../src/workload/tickets.json", import.meta.url));
const tickets = generateTickets({ seed: WORKLOAD_SEED, count: WORKLOAD_SIZE });
writeFileSync(target, `${JSON.stringify(tickets, null, 1)}\n`);
console.log(`wrote ${tickets.length} tickets to ${target}`);
