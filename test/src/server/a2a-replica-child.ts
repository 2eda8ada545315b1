/**
 * One replica serving the steps graph as an A2A agent (anonymous callers) as its own process, for the A2A
 * replica test. Prints "listening on URL". Usage: node --import tsx a2a-replica-child.ts POSTGRES_URL SCHEMA MODEL_URL
 */
import { startReplica } from "./replica-fixtures.ts";
import { stepsGraph } from "./replica-graphs.ts";

const [url, schema, modelUrl] = process.argv.slice(2);
if (url === undefined || schema === undefined || modelUrl === undefined) throw new Error("usage: a2a-replica-child.ts POSTGRES_URL SCHEMA MODEL_URL");
const replica = await startReplica({ url, schema, graphs: (saver) => ({ steps: stepsGraph(saver, modelUrl) }), a2a: { allowAnonymous: true } });
process.stdout.write(`listening on ${replica.listening.url}\n`);
process.once("SIGTERM", () => void replica.close().finally(() => process.exit(0)));
