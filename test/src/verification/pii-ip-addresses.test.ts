import { describe, expect, it } from "vitest";
import { detectPii, scrubPii, StreamTextChecker } from "../../../src/verification/index.ts";
import { sharedAddress, tiedToPerson } from "../../../src/verification/pii-ip-addresses.ts";

const kinds = (text: string) => detectPii(text).map((finding) => finding.kind);

describe("IP addresses: routable ones are personal data, no one's are only when tied to a person", () => {
  it("knows the ranges that reach no one on the internet", () => {
    for (const address of ["10.20.4.17", "172.31.0.9", "192.168.14.201", "100.72.3.4", "169.254.1.1", "192.0.2.55", "198.51.100.218", "203.0.113.9", "239.1.2.3", "8.8.4.4", "fe80::5a76:643f:a5e8:d780", "fd12:3456::1", "2001:db8:8436::7e54", "::ffff:192.0.2.55", "::1"]) expect(sharedAddress(address)).toBe(true);
    for (const address of ["84.112.9.201", "172.32.0.1", "192.169.0.1", "100.128.0.1", "2a02:8108:1cc0:3f00::1a", "::ffff:81.2.69.160"]) expect(sharedAddress(address)).toBe(false);
  });

  it("leaves infrastructure addresses in logs and configs alone, in any language", () => {
    for (const text of ["ssh ops@10.8.3.21 -p 2200 'journalctl -u api'", "Servidor interno 192.168.3.40, puerto 5432", "upstream fd00:12::9 refused the connection", "Gateway 172.20.0.1 antwortet nicht", "resolver 9.9.9.9 timed out", "interface eth0 inet 100.64.12.9/10"]) expect(kinds(text)).toEqual([]);
  });

  it("still finds them when a person owns, used or hid them", () => {
    for (const text of ["meine IP zu Hause ist 192.168.178.23", "login from 10.44.2.9 at 03:12", "the attacker's box was 172.16.40.2", "mi IP: diez punto cero punto cero punto siete", "10[.]8[.]3[.]21 is where it came from", "router 192 . 168 . 1 . 77 is mine"]) expect(kinds(text)).toContain("ip_address");
    // The first word after, or the second after a short first one (a copula): the stream holds a short word after
    // an address, so it releases the address only once that second word is complete.
    expect(tiedToPerson("IP 10.0.0.7, mine", 3, 11)).toBe(true);
    expect(tiedToPerson("IP 10.0.0.7 is mine", 3, 11)).toBe(true);
    for (const text of ["fd12:3456:789a::14 is my laptop", "fd00:ab:cd::9 ist meine Adresse", "fc00:4:5::21 es mi portátil", "10.0.0.5 is my box"]) expect(kinds(text)).toContain("ip_address");
    // A third word is not read, nor a possessive after a long first word.
    for (const text of ["10.0.0.5 is a box of mine", "fe80::1 is the default gateway on my lab", "10.0.0.5 answered my ping"]) expect(kinds(text)).toEqual([]);
  });

  it("redacts an address tied by the second word after it the same streamed one character at a time", () => {
    for (const text of ["fd12:3456:789a::14 is my laptop, fine", "upstream fd00:12::9 is the relay, my bad", "10.0.0.5 ist meine Box"]) {
      const checker = new StreamTextChecker({ pii: { strategy: "redact" } });
      let streamed = "";
      for (const char of text) streamed += checker.push(char).text;
      streamed += checker.finish().text;
      expect(streamed).toBe(scrubPii(text, { strategy: "redact" }).text);
    }
  });

  it("reads 'reach me at' as a person's address, and 'give me the … logs' as not", () => {
    for (const text of ["reach me at 10.0.0.7", "ping us on 192.168.1.40 after six", "du erreichst mich unter 172.16.0.9"]) expect(kinds(text)).toContain("ip_address");
    for (const text of ["give me the 10.0.0.7 logs", "send me 192.168.1.40's config"]) expect(kinds(text)).toEqual([]);
  });

  it("always finds a routable address", () => {
    for (const text of ["ssh deploy@81.2.69.160 -p 2222", "upstream 2a02:8108:1cc0:3f00::1a timed out"]) expect(kinds(text)).toContain("ip_address");
  });
});
