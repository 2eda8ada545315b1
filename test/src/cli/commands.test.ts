import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UsageError } from "../../../src/cli/args.ts";
import { demoCommand } from "../../../src/cli/commands/demo.ts";
import { resumeCommand, runCommand, stateCommand } from "../../../src/cli/commands/threads.ts";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-cli-"));
const file = (name: string, text: string) => {
  const target = path.join(directory, name);
  fs.writeFileSync(target, text);
  return target;
};

describe("CLI input errors name the file, the field and the fix", () => {
  it("a missing input file", async () => {
    await expect(runCommand(["--thread", "t", "--input", path.join(directory, "nope.json")])).rejects.toThrow(/nope\.json does not exist\. Fix:/);
  });

  it("an input file that is not JSON", async () => {
    const bad = file("broken.json", "{ input: ");
    await expect(runCommand(["--thread", "t", "--input", bad])).rejects.toThrow(/broken\.json is not valid JSON .*Fix: write one JSON object/);
  });

  it("an input file with a bad field", async () => {
    const bad = file("field.json", JSON.stringify({ input: "x", mode: "fast" }));
    await expect(runCommand(["--thread", "t", "--input", bad])).rejects.toThrow(/field\.json mode: Invalid option.*\nFix: see examples\/request\.json/);
  });

  it("a resume value that is not JSON", async () => {
    await expect(resumeCommand(["t1", "--value", "{approved: yes}"])).rejects.toThrow(UsageError);
    await expect(resumeCommand(["t1", "--value", "{approved: yes}"])).rejects.toThrow(/is not JSON\. Fix: quote it/);
  });

  it("an unknown flag and a bad number", async () => {
    await expect(demoCommand(["--requets", "5"])).rejects.toThrow(/switchyard demo: Unknown option '--requets'/);
    await expect(demoCommand(["--requests", "0"])).rejects.toThrow(/--requests must be a positive whole number, got "0"/);
  });

  it("state of a thread that does not exist", async () => {
    await expect(stateCommand(["ghost", "--checkpoints", path.join(directory, "state.db")])).rejects.toThrow(/thread ghost has no checkpoints/);
  });
});
