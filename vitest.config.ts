import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // checkpoint-validation's validate() registers describe/it through globals.
    globals: true,
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration tests start HTTP servers and child processes.
    maxWorkers: 2,
  },
});
