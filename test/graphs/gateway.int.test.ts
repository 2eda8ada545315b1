import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createGateway, parseConfigValue, type Gateway } from "../../graphs/index.ts";
import { defaultConfigInput } from "../../src/config/index.ts";
import { quietProfile, type EmulatorProfile, emulatorLauncher } from "../../src/emulators/index.ts";
import { OUTPUT_MODES } from "../../src/output-modes/protocol.ts";
import { workloadTasks, isCorrect } from "../../src/workload/index.ts";

const run = promisify(execFile);
const tasks = workloadTasks();
const deployments = ["openai-gpt-4o-mini", "gemini-2.5-flash", "ollama-llama3.1"] as const;

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-gateway-"));
}

async function gatewayWith(profile: EmulatorProfile, checkpoints = ":memory:"): Promise<Gateway> {
  return createGateway({ emulators: emulatorLauncher({ profile: profile }), checkpoints, seed: 3 });
}

describe("gateway on the emulators", () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await gatewayWith(quietProfile());
  });
  afterAll(async () => gateway.close());

  const cells = deployments.flatMap((deployment) => OUTPUT_MODES.map((mode) => ({ deployment, mode })));
  it.each(cells)("$deployment in $mode returns the gold answer", async ({ deployment, mode }) => {
    const task = tasks[cells.findIndex((cell) => cell.deployment === deployment && cell.mode === mode)]!;
    const state = await gateway.invoke(
      { input: task.input, task_id: task.id, deployment, mode },
      { threadId: `cell-${deployment}-${mode}` },
    );
    expect(state.status).toBe("succeeded");
    expect(state.output?.valid).toBe(true);
    // Scored against gold here, after the fact: the gateway never sees the label.
    expect(isCorrect(task.gold, state.output?.structured)).toBe(true);
    expect(state.attempts).toHaveLength(1);
    expect(state.attempts[0]).toMatchObject({ deployment, mode, outcome: "ok" });
    expect(state.attempts[0]!.input_tokens).toBeGreaterThan(0);
    expect(state.messages.at(-1)?.content).toBe(JSON.stringify(state.output?.structured));
  });

  it("streams one update per node on the way, verification's nodes skipped by edge when it is off, memory and the first attempt in accept's step, the call as its task", async () => {
    const nodes: string[] = [];
    for await (const update of gateway.stream({ input: tasks[0]!.input, deployment: "openai-gpt-4o-mini" }, { threadId: "stream-1" })) {
      nodes.push(...Object.keys(update));
    }
    // graphs/folded-steps.ts: memory and the first attempt run in accept's superstep, its call as a task (saved the
    // moment it returns: its update comes first), the guardian (it writes nothing) in the step that ends the request.
    expect(nodes).toEqual(["call_model", "accept"]);
  });

  it("writes plain JSON for a successful request: no field set to undefined, none it clears without holding", async () => {
    const saver = gateway.persistence.checkpointer;
    const written: [string, unknown][] = [];
    const putWrites = saver.putWrites.bind(saver);
    saver.putWrites = async (config, writes, taskId) => {
      written.push(...writes);
      return putWrites(config, writes, taskId);
    };
    try {
      const state = await gateway.invoke({ input: tasks[1]!.input, deployment: "openai-gpt-4o-mini", mode: "emit" }, { threadId: "plain-writes-1" });
      expect(state.status).toBe("succeeded");
    } finally {
      saver.putWrites = putWrites;
    }
    // A value holding undefined leaves the saver's fast lane for JsonPlus's replacer and reviver (docs/gateway.md).
    const plain = written.filter(([channel]) => channel !== "messages");
    expect(plain.map(([channel]) => channel)).toContain("output");
    for (const [channel, value] of plain) expect({ channel, value }).toStrictEqual({ channel, value: JSON.parse(JSON.stringify(value)) as unknown });
  });

  it("refuses a malformed request before any model is called", async () => {
    await expect(gateway.invoke({ input: "" }, { threadId: "bad-1" })).rejects.toThrow(/input: input must not be empty/);
    await expect(gateway.invoke({ input: "x", schema_id: "tickte" }, { threadId: "bad-2" })).rejects.toThrow(/did you mean "ticket"/);
    const snapshot = await gateway.graph.getState({ configurable: { thread_id: "bad-2" } });
    expect(snapshot.config.configurable?.checkpoint_id).toBeUndefined();
  });
});

describe("the invalid-output loop", () => {
  it("records the broken attempt and moves to the next mode on the same deployment", async () => {
    const profile = quietProfile();
    profile.modes = { openai: { emit: { brokenJson: 1 } } };
    const gateway = await gatewayWith(profile);
    try {
      const task = tasks[5]!;
      const state = await gateway.invoke({ input: task.input, task_id: task.id, deployment: "openai-gpt-4o-mini" }, { threadId: "loop-1" });
      expect(state.status).toBe("succeeded");
      expect(state.attempts.map((attempt) => [attempt.mode, attempt.outcome])).toEqual([
        ["emit", "invalid_output"],
        ["compressed", "ok"],
      ]);
      expect(state.attempts[0]!.error_class).toBe("malformed_output");
      // Scored against gold here, after the fact: the gateway never sees the label.
    expect(isCorrect(task.gold, state.output?.structured)).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  it("gives up with a typed error once the attempt budget is spent", async () => {
    const profile = quietProfile();
    profile.backends.openai.fidelity.brokenJson = 1;
    const gateway = await gatewayWith(profile);
    try {
      const state = await gateway.invoke(
        { input: tasks[6]!.input, deployment: "openai-gpt-4o-mini", mode: "emit", max_attempts: 2 },
        { threadId: "loop-2" },
      );
      expect(state.status).toBe("failed");
      expect(state.attempts).toHaveLength(2);
      expect(state.error?.code).toBe("no_deployment_available");
      expect(state.error?.message).toMatch(/all 2 attempts used/);
    } finally {
      await gateway.close();
    }
  });

  it("moves to another deployment after a transport error", async () => {
    const profile = quietProfile();
    profile.backends.openai.errors.serverError = 1;
    const gateway = await gatewayWith(profile);
    try {
      const state = await gateway.invoke({ input: tasks[7]!.input, task_id: tasks[7]!.id }, { threadId: "failover-1" });
      expect(state.status).toBe("succeeded");
      const failed = state.attempts.filter((attempt) => attempt.outcome === "transport_error");
      expect(failed.every((attempt) => attempt.deployment === "openai-gpt-4o-mini" && attempt.error_class === "server_error")).toBe(true);
      expect(state.attempts.at(-1)?.deployment).not.toBe("openai-gpt-4o-mini");
    } finally {
      await gateway.close();
    }
  });
});

describe("threads on a SQLite file", () => {
  it("pauses for approval in one process and resumes in another", async () => {
    const directory = scratch();
    const database = path.join(directory, "state.db");
    const cli = ["--import", "tsx", path.resolve("src/cli/main.ts")];
    // A thread left waiting for a decision exits 4 (src/cli/exit-codes.ts), which execFile reports as an error.
    const first = await run(process.execPath, [...cli, "run", "--thread", "approve-1", "--input", "examples/approval-request.json", "--checkpoints", database]).then(
      () => ({ code: 0, stdout: "" }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(first.code).toBe(4);
    expect(first.stdout).toMatch(/thread approve-1 is waiting for a decision/);
    const second = await run(process.execPath, [...cli, "resume", "approve-1", "--value", '{"approved": true}', "--checkpoints", database]);
    expect(second.stdout).toMatch(/thread approve-1: succeeded/);
    const history = await run(process.execPath, [...cli, "history", "approve-1", "--checkpoints", database]);
    expect(history.stdout.trim().split("\n").length).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it("ends a rejected request without calling a model", async () => {
    const gateway = await gatewayWith(quietProfile(), path.join(scratch(), "state.db"));
    try {
      const paused = await gateway.invoke({ input: tasks[1]!.input, approval: "required" }, { threadId: "reject-1" });
      expect(paused.status).toBe("awaiting_approval");
      const done = await gateway.resume("reject-1", { approved: false, note: "not during the freeze" });
      expect(done.status).toBe("rejected");
      expect(done.error?.message).toBe("not during the freeze");
      expect(done.attempts).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });
});

describe("verification in the gateway", () => {
  const withVerification = (pii: "redact" | "block") => {
    const config = parseConfigValue({ ...defaultConfigInput(), verification: { enabled: true, policy: "policies/support.yaml", pii: { strategy: pii } } }, "test");
    return createGateway({ config, emulators: emulatorLauncher({ profile: quietProfile() }), checkpoints: ":memory:" });
  };

  it("redacts PII in the request before any model sees it", async () => {
    const gateway = await withVerification("redact");
    try {
      const state = await gateway.invoke({ input: "Refund ORD-48213 please, write to dana.whitfield@example.com", deployment: "openai-gpt-4o-mini" }, { threadId: "pii-1" });
      expect(state.status).toBe("succeeded");
      expect(state.request?.input).not.toContain("dana.whitfield@example.com");
      const sent = state.messages.filter((message) => message.getType() === "human").map((message) => String(message.content));
      expect(sent.join("\n")).not.toContain("dana.whitfield@example.com");
    } finally {
      await gateway.close();
    }
  });

  it("blocks a request with PII under the block strategy, before any attempt", async () => {
    const gateway = await withVerification("block");
    try {
      const state = await gateway.invoke({ input: "My card 4111 1111 1111 1111 was charged twice" }, { threadId: "pii-2" });
      expect(state.status).toBe("failed");
      expect(state.error?.code).toBe("policy_violation");
      expect(state.attempts).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });
});

describe("the adaptive output-mode policy", () => {
  it("keeps what it learned across a restart on the same SQLite file", async () => {
    const database = path.join(scratch(), "state.db");
    const first = await gatewayWith(quietProfile(), database);
    try {
      for (let index = 0; index < 6; index++) {
        await first.invoke({ input: tasks[index]!.input, task_id: tasks[index]!.id, deployment: "gemini-2.5-flash" }, { threadId: `learn-${index}` });
      }
    } finally {
      await first.close();
    }
    const second = await gatewayWith(quietProfile(), database);
    try {
      const policy = second.engine.routing.policy;
      const learned = OUTPUT_MODES.map((mode) => policy.statisticsOf("gemini-2.5-flash", mode)?.count ?? 0);
      expect(learned.reduce((sum, count) => sum + count, 0)).toBe(6);
    } finally {
      await second.close();
    }
  });
});
