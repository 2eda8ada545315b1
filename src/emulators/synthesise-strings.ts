const WORDS = [
  "order", "delivery", "invoice", "account", "refund", "package", "service", "support", "payment", "address",
  "the", "late", "blue", "second", "monthly", "premium", "warehouse", "report", "customer", "request",
];
const NAMES = ["alex", "maria", "chen", "priya", "omar", "lena", "sam", "yuki"];
const DOMAINS = ["example.com", "mail.example.org", "acme.io", "shop.example.net"];

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length) % list.length] as T;
}

function digits(count: number, random: () => number, radix = 10): string {
  return Array.from({ length: count }, () => Math.floor(random() * radix).toString(radix)).join("");
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * A realistic value for a JSON Schema string `format` (email, date, date-time, time, uri/url, uuid,
 * hostname, ipv4), or undefined for a format it does not know. The lengths match real answers, which is
 * what token counts depend on.
 *
 * @example
 * formattedString("email", Math.random) // "priya.chen@acme.io"
 */
export function formattedString(format: string, random: () => number): string | undefined {
  const year = 2020 + Math.floor(random() * 7);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const time = `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`;
  switch (format) {
    case "email":
      return `${pick(NAMES, random)}.${pick(NAMES, random)}@${pick(DOMAINS, random)}`;
    case "date":
      return date;
    case "date-time":
      return `${date}T${time}Z`;
    case "time":
      return time;
    case "uri":
    case "url":
      return `https://${pick(DOMAINS, random)}/${pick(WORDS, random)}/${digits(6, random)}`;
    case "uuid":
      return `${digits(8, random, 16)}-${digits(4, random, 16)}-4${digits(3, random, 16)}-a${digits(3, random, 16)}-${digits(12, random, 16)}`;
    case "hostname":
      return pick(DOMAINS, random);
    case "ipv4":
      return Array.from({ length: 4 }, () => Math.floor(random() * 256)).join(".");
    default:
      return undefined;
  }
}

/** A short text of one to four words, like a value a model extracts from a document. */
export function plainText(random: () => number): string {
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => pick(WORDS, random)).join(" ");
}
