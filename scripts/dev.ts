/**
 * `npm run dev`: the official langgraph-cli dev server (Studio) on the first free port from 2024, with
 * analytics off. It runs the graphs on its own in-memory checkpointer; `switchyard serve` runs ours.
 */
import { spawn } from "node:child_process";
import net from "node:net";

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

let port = Number(process.env.PORT ?? 2024);
while (!(await free(port))) port++;
console.log(`langgraph dev on http://127.0.0.1:${port}  (Studio: https://smith.langchain.com/studio/?baseUrl=http://127.0.0.1:${port})`);
const child = spawn("npx", ["@langchain/langgraph-cli", "dev", "--port", String(port), "--no-browser", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, LANGGRAPH_CLI_NO_ANALYTICS: "1" },
});
child.on("exit", (code) => process.exit(code ?? 0));
