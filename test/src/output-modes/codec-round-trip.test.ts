import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { codecRefusal } from "../../../src/output-modes/codec-refusal.ts";
import { toJsonSchema } from "../../../src/output-modes/normalize-schema.ts";
import { requestDraws } from "../../../src/emulators/request-draws.ts";
import { synthesiseValue } from "../../../src/emulators/synthesise-value.ts";
import { modePrompt } from "../../../src/output-modes/mode-prompt.ts";
import { COMPRESSED_MARKER, OUTPUT_MODES } from "../../../src/output-modes/protocol.ts";
import { parseShapeNotation } from "../../../src/output-modes/shape-notation-parse.ts";
import { codecPairs } from "../../fixtures/output-modes/codec-pairs.ts";
import { roundTrip } from "../../fixtures/output-modes/codec-round-trip.ts";

// The bench runs 10,000 pairs per mode (npm run bench -- output-modes); CI runs a seeded 600.
const RUNS = 600;

describe("codec round trip: decode(encode(value)) equals value, or the mode refuses the schema up front", () => {
  it.each(OUTPUT_MODES)("%s, on generated (schema, value) pairs", (mode) => {
    fc.assert(
      fc.property(codecPairs(), (pair) => {
        const outcome = roundTrip(mode, pair.schema, pair.value);
        if (outcome.kind !== "exact" && outcome.kind !== "refused") throw new Error(`${pair.shape}: ${JSON.stringify(outcome)}`);
      }),
      { numRuns: RUNS, seed: 20261206 },
    );
  });

  it("the prompt's notation states the types faithfully: an answer made from it alone passes the real schema", () => {
    fc.assert(
      fc.property(codecPairs(), fc.integer(), (pair, seed) => {
        const jsonSchema = toJsonSchema(pair.schema);
        if (codecRefusal("compressed", jsonSchema) !== undefined) return;
        const stated = parseShapeNotation(modePrompt("compressed", jsonSchema), COMPRESSED_MARKER);
        const answer = synthesiseValue(stated ?? {}, { random: requestDraws(["notation", seed]) });
        const parsed = pair.schema.safeParse(answer);
        if (!parsed.success) throw new Error(`${pair.shape}: ${JSON.stringify(answer)} fails: ${parsed.error.message.slice(0, 300)}`);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("the cases that used to corrupt silently come back exactly", () => {
    const note = z.object({ note: z.string(), code: z.union([z.string(), z.number()]), zero: z.string() });
    const value = { note: "first line\nsecond line", code: "42", zero: "007" };
    for (const mode of OUTPUT_MODES) expect(roundTrip(mode, note, value)).toEqual({ kind: "exact" });
    const shapes = z.object({ shape: z.union([z.object({ radius: z.number() }), z.object({ side: z.number() })]) });
    expect(roundTrip("compressed", shapes, { shape: { side: 2 } })).toEqual({ kind: "exact" });
    const nested = z.object({ grid: z.array(z.array(z.int())) });
    for (const mode of OUTPUT_MODES) expect(roundTrip(mode, nested, { grid: [[1, 2], [], [3]] })).toEqual({ kind: "exact" });
  });

  it("refuses up front, naming the path, what it cannot carry without changing a value", () => {
    expect(codecRefusal("compressed", toJsonSchema(z.object({ inner: z.object({ note: z.string().nullish() }) })))).toMatchObject({ path: "inner.note", construct: expect.stringMatching(/optional field that is also nullable/) });
    expect(codecRefusal("reconstruct", toJsonSchema(z.array(z.string())))).toMatchObject({ path: "", construct: expect.stringMatching(/root that is not one object/) });
    expect(codecRefusal("reconstruct", toJsonSchema(z.object({ "two words": z.string() })))).toMatchObject({ path: "two words" });
    expect(codecRefusal("reconstruct", toJsonSchema(z.object({ Total: z.number(), total: z.number() })))).toMatchObject({ construct: expect.stringMatching(/read the same/) });
  });
});
