import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { compileGateway, guardian, memory, router, supportAgentGraph, verification } from "../../../graphs/index.ts";
import { didYouMean } from "../../config/did-you-mean.ts";
import { commandFlags } from "../command-flags.ts";
import { parseCommandArgs, UsageError } from "../args.ts";
import { EXIT_CODES } from "../exit-codes.ts";
import { graphSvg, pngOf, type GraphView } from "../graph-picture.ts";

const usage = "usage: switchyard graph NAME [--png FILE]\n  prints a graph of langgraph.json as Mermaid, subgraphs expanded";

/** What drawing needs of a compiled graph: LangGraph's drawable view, subgraphs expanded by xray. */
interface Drawable {
  getGraphAsync(config: { xray: boolean }): Promise<GraphView & { drawMermaid(): string }>;
}

/**
 * The graphs langgraph.json lists, by its ids, without an engine: drawing reads the wiring only, so nothing
 * is started (scripts/studio.ts, which langgraph.json points at, would start one with its emulators).
 */
const drawable: Record<string, Drawable> = {
  gateway: compileGateway(),
  router,
  memory,
  guardian,
  verification,
  "support-agent": supportAgentGraph,
};

const langgraphJson = z.object({ graphs: z.record(z.string(), z.string()) });

function listedGraphs(): string[] {
  const file = path.resolve(import.meta.dirname, "../../../langgraph.json");
  return Object.keys(langgraphJson.parse(JSON.parse(fs.readFileSync(file, "utf8"))).graphs);
}

/** The drawable view of a graph langgraph.json lists, subgraphs expanded (`getGraphAsync({ xray: true })`). */
async function viewOf(name: string): Promise<GraphView & { drawMermaid(): string }> {
  const listed = listedGraphs();
  const graph = listed.includes(name) ? drawable[name] : undefined;
  if (graph === undefined) {
    const suggestion = didYouMean(name, listed);
    throw new UsageError(`switchyard graph: no graph "${name}" in langgraph.json. Fix: ${suggestion ? `did you mean "${suggestion}"? ` : ""}use one of ${listed.join(", ")}.`);
  }
  return graph.getGraphAsync({ xray: true });
}

/**
 * Mermaid of a graph langgraph.json lists, subgraphs expanded.
 *
 * @example
 * const text = await mermaidOf("gateway");
 */
export async function mermaidOf(name: string): Promise<string> {
  return (await viewOf(name)).drawMermaid();
}

/**
 * `switchyard graph NAME`: Mermaid on stdout, for READMEs and reviews. `--png FILE` also writes a picture:
 * switchyard's own layered drawing of the same nodes and edges (rendered by @resvg/resvg-js), since Mermaid's
 * own renderer needs a headless browser or the mermaid.ink service, neither of which runs offline.
 */
export async function graphCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("graph", argv, commandFlags.graph);
  if (values.help || positionals.length !== 1) {
    console.log(usage);
    return values.help ? EXIT_CODES.succeeded : EXIT_CODES.usage;
  }
  const view = await viewOf(positionals[0] ?? "");
  console.log(view.drawMermaid());
  if (values.png === undefined) return EXIT_CODES.succeeded;
  fs.writeFileSync(values.png, pngOf(graphSvg(view)));
  console.error(`switchyard graph: wrote ${values.png} (switchyard's own layout of the graph; Mermaid's renderer needs a browser or mermaid.ink, not available offline)`);
  return EXIT_CODES.succeeded;
}
