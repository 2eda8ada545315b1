/**
 * App code: build a gateway on the built-in default (every backend on its emulator), invoke one request,
 * stream another, and read the route trace. Run: npx tsx examples/invoke.ts
 */
import { createGateway } from "../index.ts";
import { emulatorLauncher } from "../src/emulators/index.ts";

// The built-in default config emulates every backend; with a switchyard.yaml of real providers, drop `emulators`.
const gateway = await createGateway({ checkpoints: ":memory:", emulators: emulatorLauncher() });
try {
  const state = await gateway.invoke(
    { input: "My parcel for order ORD-77120 is stuck in Lyon for a week. Not happy. — Priya Nair" },
    { threadId: "example-1" },
  );
  console.log("status:", state.status);
  console.log("structured:", state.output?.structured);
  for (const attempt of state.attempts) {
    console.log(`route trace: ${attempt.deployment}/${attempt.mode} -> ${attempt.outcome} in ${attempt.latency_ms} ms (${attempt.reason})`);
  }

  for await (const update of gateway.stream(
    { input: "The new dashboard is lovely, thanks team! — Omar", mode: "reconstruct" },
    { threadId: "example-2" },
  )) {
    console.log("step:", Object.keys(update).join(", "));
  }
} finally {
  await gateway.close();
}
