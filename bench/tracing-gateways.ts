import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { createGateway, type Gateway } from "../graphs/create-gateway.ts";
import { defaultConfigInput, parseConfigValue, type SwitchyardConfig } from "../src/config/index.ts";
import { emulatorLauncher, quietProfile } from "../src/emulators/index.ts";
import { MemoryEventSink } from "../src/guardian/index.ts";

/**
 * The tracing bench's gateways on the quiet emulator profile, all closed together: untraced ones (a second
 * untraced one is the noise floor) and traced ones exporting to one in-memory exporter. Guardian events are
 * counted, not printed: a latency quarantine of the pinned deployment would flood the table.
 */
export class BenchGateways {
  readonly exporter = new InMemorySpanExporter();
  /** The default config with tracing on. */
  readonly traced: SwitchyardConfig;
  readonly #open: Gateway[] = [];

  /** @param source the bench file, named in a config error. */
  constructor(source: string) {
    this.traced = parseConfigValue({ ...defaultConfigInput(), telemetry: { tracing: { enabled: true, service_name: "switchyard-bench" } } }, source);
  }

  async start(extra: Parameters<typeof createGateway>[0] = {}): Promise<Gateway> {
    const gateway = await createGateway({ emulators: emulatorLauncher({ profile: quietProfile(), thread: "worker" }), checkpoints: ":memory:", guardian: { lines: new MemoryEventSink() }, ...extra });
    this.#open.push(gateway);
    return gateway;
  }

  async close(): Promise<void> {
    for (const gateway of this.#open.splice(0)) await gateway.close();
  }
}
