import { SwitchyardMetrics } from "../../../src/telemetry/metrics.ts";
import { recordTiming } from "../../../src/telemetry/timings.ts";

describe("SwitchyardMetrics", () => {
  it("exports RPM, TPM and in-flight per deployment from the router's usage window", async () => {
    const metrics = new SwitchyardMetrics();
    metrics.recordCooldowns([{ deployment: "a", cooldownUntil: 5_000, requestsInWindow: 12, tokensInWindow: 3_400, inFlight: 2 }], 1_000);
    const text = await metrics.render();
    expect(text).toMatch(/switchyard_deployment_rpm\{deployment="a"\} 12/);
    expect(text).toMatch(/switchyard_deployment_tpm\{deployment="a"\} 3400/);
    expect(text).toMatch(/switchyard_deployment_in_flight\{deployment="a"\} 2/);
    expect(text).toMatch(/switchyard_cooldown_seconds\{deployment="a"\} 4/);
    metrics.dispose();
  });

  it("observes verification and memory timings reported by the engine, until disposed", async () => {
    const metrics = new SwitchyardMetrics();
    recordTiming("verification", 0.0002, { phase: "request" });
    recordTiming("memory_query", 0.003, { operation: "recall" });
    let text = await metrics.render();
    expect(text).toMatch(/switchyard_verification_seconds_count\{phase="request"\} 1/);
    expect(text).toMatch(/switchyard_memory_query_seconds_count\{operation="recall"\} 1/);
    metrics.dispose();
    recordTiming("verification", 0.0002, { phase: "request" });
    text = await metrics.render();
    expect(text).toMatch(/switchyard_verification_seconds_count\{phase="request"\} 1/);
  });
});
