/**
 * `npx tsx bench/serve-profile-owners.ts FILE.cpuprofile [FROM_US TO_US]`: a V8 CPU profile's samples (those in the
 * window, when given: `bench/serve-profile.ts` prints it) charged to their owner: the nearest frame, from the
 * sampled one up, that is switchyard's (src/<folder>, checkpoints, graphs, nodes) or a package's; GC, idle and
 * the engine's own samples as V8 names them; "node" when the whole stack is Node's (sockets, timers, microtasks).
 * Prints each owner's share of the samples, largest first. A sample's time is capped at four times the median
 * interval: on a loaded machine the process is descheduled now and then, and the one sample taken after the
 * stall (100 ms once, in a run/wait's end) would otherwise charge the whole stall to whatever was running.
 */
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, from, to] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: npx tsx bench/serve-profile-owners.ts FILE.cpuprofile [FROM_US TO_US]");
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

function ownerOf(frame: ProfileNode["callFrame"]): string | undefined {
  if (frame.functionName === "(garbage collector)") return "GC";
  if (frame.functionName === "(idle)") return "idle";
  if (frame.functionName === "(program)") return "V8 (program)";
  const url = frame.url;
  const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (packageName !== undefined) return packageName;
  const own = /\/(src\/[^/]+|checkpoints|graphs|nodes)\//.exec(url)?.[1];
  return own;
}

const sortedDeltas = [...profile.timeDeltas].sort((a, b) => a - b);
const capUs = 4 * (sortedDeltas[Math.floor(sortedDeltas.length / 2)] ?? 1000);
let time = profile.startTime;
let total = 0;
const owners = new Map<string, number>();
profile.samples.forEach((sample, index) => {
  time += profile.timeDeltas[index] ?? 0;
  if (from !== undefined && to !== undefined && (time < Number(from) || time > Number(to))) return;
  const milliseconds = Math.min(profile.timeDeltas[index] ?? 0, capUs) / 1000;
  total += milliseconds;
  let id: number | undefined = sample;
  let owner: string | undefined;
  while (owner === undefined && id !== undefined) {
    const node = nodes.get(id);
    owner = node === undefined ? undefined : ownerOf(node.callFrame);
    id = parents.get(id);
  }
  owners.set(owner ?? "node", (owners.get(owner ?? "node") ?? 0) + milliseconds);
});
console.log(`${total.toFixed(0)} ms of samples`);
for (const [owner, milliseconds] of [...owners].sort((a, b) => b[1] - a[1])) console.log(`${((100 * milliseconds) / total).toFixed(1).padStart(5)} %  ${milliseconds.toFixed(0).padStart(6)} ms  ${owner}`);
