/**
 * Which IP addresses are personal data. One rule, for every set and language (docs/verification-detection.md,
 * "IP addresses: one rule"): a globally routable address can point at one person's line, so it is personal data
 * wherever it stands. An address no one on the internet can be reached at — private (RFC 1918), shared (CGNAT),
 * link-local, loopback, documentation (RFC 5737, RFC 3849), multicast, unique-local — or a public resolver that
 * millions share (1.1.1.1, 8.8.8.8) identifies a machine inside a network or a service, not a person: in a log line,
 * a config or a route ("ssh deploy@10.20.4.17", "upstream 2001:db8::7e54 timed out") it is not personal data. It is
 * when the text ties it to someone: a possessive ("my IP", "meine IP"), an attacker or a login it came from
 * ("login from", "requests from"), or a hand that wrote it the way people hide or dictate a value (spelled, defanged,
 * spaced, other scripts' digits), which logs and configs never do.
 */
import { clauseAfter, clauseBefore, tokens, wordPattern } from "./pii-clause.ts";
import { possessives } from "./pii-cues.ts";

/** Anycast resolvers everyone configures: an address of a public service, the same for millions of people. */
const publicResolvers = new Set(["1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4", "9.9.9.9", "149.112.112.112", "208.67.222.222", "208.67.220.220"]);

/** Whether an IPv4 address (four decimal octets) reaches no one on the internet, or reaches a shared public service. */
function sharedIpv4(octets: readonly number[]): boolean {
  const [a = 0, b = 0, c = 0] = octets;
  if (publicResolvers.has(octets.join("."))) return true;
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a >= 224 && a <= 239) ||
    octets.join(".") === "255.255.255.255" ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    (a === 198 && (b === 18 || b === 19))
  );
}

/**
 * Whether an address (IPv4 dotted, or IPv6) is in a range that reaches no one on the internet or is a shared resolver.
 *
 * @example
 * sharedAddress("10.20.4.17") // true
 * sharedAddress("2001:db8:8436::7e54") // true
 * sharedAddress("84.112.9.201") // false
 */
export function sharedAddress(address: string): boolean {
  const lower = address.toLowerCase();
  if (lower.includes(":")) {
    // An IPv4-mapped address ("::ffff:192.0.2.55") is the IPv4 address it maps.
    const mapped = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower)?.[1];
    if (mapped !== undefined) return sharedAddress(mapped);
    if (lower === "::1" || lower === "::") return true;
    const first = Number.parseInt(lower.split(":")[0] || "0", 16);
    // fe80::/10 link-local, fc00::/7 unique-local, ff00::/8 multicast, 2001:db8::/32 documentation.
    return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00 || (first & 0xff00) === 0xff00 || /^2001:0?db8:/.test(lower);
  }
  const octets = lower.split(".").map(Number);
  return octets.length === 4 && octets.every((octet) => Number.isInteger(octet) && octet >= 0 && octet <= 255) && sharedIpv4(octets);
}

/** Words that say an address was someone's: who attacked or logged in from it. Stems, lower case. */
const personWords = /^(?:attack\p{L}*|angreifer\p{L}*|attaqu\p{L}*|atacante\p{L}*|aggressor\p{L}*|hacker\p{L}*|login\p{L}*|logins|logged|einlog\p{L}*|anmeld\p{L}*|connexion\p{L}*|inicio|acceso|home|public|öffentlich\p{L}*|publique|pública|público|mine|meins|mien|mía|mío|suyo|sua|seu)$/u;
/** "from" right before the address: where requests, logins or an attack came from. */
const fromWords = new Set(["from", "von", "desde", "depuis", "van", "från", "fra", "od", "от", "dari", "từ"]);

/** "reach me at", "ping us on": a first-person object and the word that gives where to reach them, right before. */
const reachMe = new Set(["me", "us", "mich", "uns", "mir", "moi", "nous", "mí", "mij", "ons", "mnie", "mě", "mig", "oss", "meg", "мне", "нам", "minua"]);
const reachAt = new Set(["at", "on", "via", "unter", "über", "à", "sur", "en", "op", "bij", "na", "pod", "på", "по"]);

/**
 * Whether the text ties the address at `start`–`end` to a person: a possessive or a person word earlier in its clause,
 * "from" right before it, or a possessive as the first word after it ("… is mine"), or as the second after a short first
 * ("… is my box"): the stream holds a short word after an address, so it releases one only after that second word.
 *
 * @example
 * tiedToPerson("my home IP is 10.0.0.7", 15, 23) // true
 * tiedToPerson("reach me at 10.0.0.7", 12, 20) // true
 * tiedToPerson("ssh deploy@10.20.4.17 -p 2222", 11, 21) // false
 */
export function tiedToPerson(text: string, start: number, end: number): boolean {
  const clause = clauseBefore(text, start);
  const before = tokens(clause.text, clause.from);
  // "the attacker's address": a possessive "'s" is read off its word.
  if (before.some((word) => possessives.has(word.word) || personWords.test(word.word.replace(/['’]s$/u, "")))) return true;
  const last = before.at(-1);
  if (last !== undefined && fromWords.has(last.word) && /^[\s`'"([]*$/.test(text.slice(last.end, start))) return true;
  const object = before.at(-2);
  if (object !== undefined && last !== undefined && reachMe.has(object.word) && reachAt.has(last.word)) return true;
  const after = clauseAfter(text, end);
  const next = wordPattern.exec(after);
  // "… is my laptop", "… ist meine Adresse": a short word (a copula) and a possessive after it. The stream checker
  // holds a word of two to four letters after a suspicious token (stream-text-checker.ts `bridge`), so the second
  // word is complete before the address is released, and stream and whole text decide alike.
  const second = next !== null && /^\p{L}{2,4}$/u.test(next[0]) ? wordPattern.exec(after) : null;
  wordPattern.lastIndex = 0;
  const tied = (word: string | undefined) => word !== undefined && (possessives.has(word) || personWords.test(word));
  return tied(next?.[0].toLowerCase()) || tied(second?.[0].toLowerCase());
}

/**
 * A domain's DNS answer ("shop.example.de resolves to 93.184.216.34", `host` printing "… has address …", a zone's
 * "www IN A …"): the address is where the name is hosted, a server's, not a person's line. A possessive or a person
 * word still ties it to someone (`tiedToPerson` is asked first).
 */
const domainRecord = /[\p{L}\d-]+(?:\.[\p{L}\d-]+)+\.?\s+(?:resolves\s+to|resolved\s+to|has\s+(?:IPv[46]\s+)?address|(?:\d+\s+)?IN\s+AAAA?|A\s+record\s*:?)\s+$/iu;

/**
 * Whether the address at `start` is stated as a domain's DNS record.
 *
 * @example
 * dnsAnswer("shop.example.de resolves to 93.184.216.34", 28) // true
 * dnsAnswer("my IP is 93.184.216.34", 9) // false
 */
export function dnsAnswer(text: string, start: number): boolean {
  return domainRecord.test(text.slice(Math.max(0, start - 120), start));
}
