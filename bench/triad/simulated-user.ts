import { seededRandom } from "../../src/workload/seeded-random.ts";

/** What the simulated user needs of a gateway: the same feedback call app code makes. */
export type FeedbackSink = (input: { request_id: string; correct: boolean }) => Promise<unknown>;

export interface SimulatedUserOptions {
  /** Share of answered requests the user gives a verdict on. */
  rate: number;
  /** The verdict arrives after this many later requests have finished (it is delayed, as real feedback is). */
  delay: number;
  seed: number;
  send: FeedbackSink;
}

/**
 * The triad study playing the user: a seeded share of answers gets a verdict, some requests later. The
 * study derives the verdict from the workload's gold label, because it plays the user; the gateway receives
 * it only through the public feedback call, exactly as it would a real user's.
 *
 * @example
 * const user = new SimulatedUser({ rate: 0.15, delay: 20, seed: 1, send: (body) => gateway.feedback(body) });
 * user.answered(state.output?.request_id, isCorrect(task.gold, state.output?.structured));
 */
export class SimulatedUser {
  private readonly random;
  private readonly pending: Array<{ due: number; request_id: string; correct: boolean }> = [];
  private finished = 0;
  private sentCount = 0;

  constructor(private readonly options: SimulatedUserOptions) {
    this.random = seededRandom(options.seed);
  }

  /** Called when a request finishes; sends the verdicts now due. */
  async answered(requestId: string | undefined, correct: boolean): Promise<void> {
    this.finished += 1;
    if (requestId !== undefined && this.random.chance(this.options.rate)) this.pending.push({ due: this.finished + this.options.delay, request_id: requestId, correct });
    const due = this.pending.filter((item) => item.due <= this.finished);
    this.pending.splice(0, this.pending.length, ...this.pending.filter((item) => item.due > this.finished));
    for (const item of due) await this.deliver(item);
  }

  /** Sends what is still pending (the end of the run). */
  async flush(): Promise<void> {
    for (const item of this.pending.splice(0)) await this.deliver(item);
  }

  /** Verdicts sent so far. */
  get sent(): number {
    return this.sentCount;
  }

  private async deliver(item: { request_id: string; correct: boolean }): Promise<void> {
    this.sentCount += 1;
    await this.options.send({ request_id: item.request_id, correct: item.correct });
  }
}
