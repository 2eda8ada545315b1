import fs from "node:fs";
import path from "node:path";
import { detectPii } from "../../../src/verification/index.ts";
import { printsCard } from "./printed-card-fixture.ts";

/**
 * Probes written during the tuning of the normalisation-pipeline detector (after held-out-5 was committed,
 * never from it): 200 fresh phrasings of every kind and look-alikes in nine languages. Tuning data, not a
 * held-out measurement.
 */
const probes = JSON.parse(fs.readFileSync(path.resolve("test/fixtures/pii/tuning-probes.json"), "utf8")) as Array<{ category: "obfuscated" | "benign"; kinds: string[]; text: string }>;

/**
 * Known gaps, left as they are: none since "+" and "," between card groups and look-alike letters in an
 * all-digit IBAN account were generalised (src/verification/pii-separators.ts, pii-ids.ts). Four probes label as
 * personal data addresses the IP rule (src/verification/pii-ip-addresses.ts) calls no one's: private, link-local,
 * documentation or a public resolver, written as a log writes them and tied to no person.
 */
const knownGaps = new Set<string>(["server 192.168.1.1 is down", "fe80::1ff:fe23:4567:890a is the link-local", "ip address: 8.8.4.4", "the box is at 203.0.113.9"]);

describe("tuning probes (test/fixtures/pii/tuning-probes.json)", () => {
  it("catches every obfuscated probe but the known gaps", () => {
    const missed = probes.filter((probe) => probe.category === "obfuscated" && !knownGaps.has(probe.text)).filter((probe) => {
      const kinds = new Set<string>(detectPii(probe.text).map((finding) => finding.kind));
      return !probe.kinds.every((kind) => kinds.has(kind));
    });
    expect(missed.map((probe) => probe.text)).toEqual([]);
  });

  it("flags no look-alike", () => {
    // Changed by #16: a card printed in its network's layout is one whatever its label (printed-card-fixture.ts).
    expect(probes.filter((probe) => probe.category === "benign" && !printsCard(probe.text) && detectPii(probe.text).length > 0).map((probe) => probe.text)).toEqual([]);
  });
});
