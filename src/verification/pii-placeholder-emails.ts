/**
 * Addresses that are placeholders, not anyone's mailbox: a generic handle ("user", "test", "your.name", "noreply")
 * at a domain reserved for documentation and tests (RFC 2606 and 6761: example.com, .net and .org and their
 * subdomains, and the .example, .test, .invalid and .localhost names). Such an address reaches no one, as a
 * documentation IP address reaches no one (pii-ip-addresses.ts); a real name at a reserved domain ("raj.patel@
 * example.com") still reads as a person's address, as fixtures and docs use those domains for people too.
 */

const reservedDomain = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/u;

/** Handles that name a role or a blank, not a person (a "+tag" and trailing digits aside). */
const placeholderHandles = new Set(
  "user username users test tester testing testuser name yourname your.name your-name your_name you someone somebody anyone foo bar baz foo.bar email mail e-mail address me first.last firstname.lastname first_last firstname lastname noreply no-reply donotreply do-not-reply admin root info hello contact support sales example sample demo dummy placeholder nobody null webmaster postmaster hostmaster abuse security".split(" "),
);

/** Words of a handle that names a machine or a team, not a person ("ops-robot", "ci.bot", "alerts"). */
const roleWords = /^(?:ops|devops|it|dev|ci|cd|build|deploy|alerts?|monitor(?:ing)?|robot|bot|crawler|spider|daemon|system|service|svc|team|noc|helpdesk|billing)$/u;

/**
 * Whether an address written with "@" is a placeholder at a reserved domain.
 *
 * @example
 * placeholderAddress("user@example.com") // true
 * placeholderAddress("raj.patel@example.com") // false
 */
export function placeholderAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  const domain = address.slice(at + 1).toLowerCase().replace(/\.$/u, "");
  if (!reservedDomain.test(domain)) return false;
  const handle = address.slice(0, at).toLowerCase().replace(/\+.*$/u, "").replace(/\d+$/u, "");
  return placeholderHandles.has(handle) || handle.split(/[.\-_]/u).every((word) => roleWords.test(word) || placeholderHandles.has(word));
}
