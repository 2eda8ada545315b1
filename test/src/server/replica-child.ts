/**
 * One replica as its own process for the kill test: the steps graph on the Postgres SCHEMA, its model calls
 * to MODEL_URL. Prints "listening on URL". Usage: node --import tsx replica-child.ts POSTGRES_URL SCHEMA MODEL_URL
 */
import { startReplica } from "./replica-fixtures.ts";
import { stepsGraph } from "./replica-graphs.ts";

const [url, schema, modelUrl] = process.argv.slice(2);
if (url === undefined || schema === undefined || modelUrl === undefined) throw new Error("usage: replica-child.ts POSTGRES_URL SCHEMA MODEL_URL");
const replica = await startReplica({ url, schema, graphs: (saver) => ({ steps: stepsGraph(saver, modelUrl) }) });
process.stdout.write(`listening on ${replica.listening.url}\n`);
process.once("SIGTERM", () => void replica.close().finally(() => process.exit(0)));
