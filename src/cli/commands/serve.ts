import { createGateway } from "../../../graphs/create-gateway.ts";
import { createServer } from "../../server/index.ts";
import { intFlag, parseCommandArgs, UsageError } from "../args.ts";

/** The LangGraph Studio address that opens a local server. */
export function studioUrl(serverUrl: string): string {
  return `https://smith.langchain.com/studio/?baseUrl=${serverUrl}`;
}

/**
 * `switchyard serve [--port 2024] [--host 127.0.0.1] [--config FILE] [--checkpoints URL]`: the LangGraph API
 * on switchyard's persistence until Ctrl-C.
 */
export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs("serve", argv, {
    port: { type: "string" },
    host: { type: "string" },
    config: { type: "string" },
    checkpoints: { type: "string" },
  });
  const gateway = await createGateway({
    ...(values.config ? { configPath: values.config } : {}),
    ...(values.checkpoints ? { checkpoints: values.checkpoints } : {}),
  });
  const serverConfig = gateway.engine.config.server;
  const port = values.port === "0" ? 0 : intFlag("serve", "port", values.port, serverConfig.port);
  if (port > 65_535) throw new UsageError(`switchyard serve: --port must be at most 65535, got ${port}.`);
  const host = values.host ?? serverConfig.host;
  const server = createServer({ gateway, config: serverConfig });
  const listening = await server.serve({ port, host });
  console.log(`switchyard serve: LangGraph API on ${listening.url} (checkpoints ${gateway.persistence.describe})`);
  console.log(`Studio: ${studioUrl(listening.url)}`);
  console.log(`Health ${listening.url}/health  Metrics ${listening.url}/metrics  Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await listening.close();
  await server.close();
  await gateway.close();
}
