#!/usr/bin/env node
// In the repo (src/ present) tsx compiles the TypeScript on the fly, so `npm run switchyard` needs no build step;
// an installed package has no src/ and runs the JavaScript that `prepack` built into dist/.
import fs from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
if (fs.existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import(new URL("../dist/src/cli/main.js", import.meta.url).href);
}
