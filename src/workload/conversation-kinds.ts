/**
 * The conversation kinds of every retention set and the sets' names (the phrasing variants): which kinds a set
 * plants. Kept apart from the slot tables (conversation-facts.ts) so the registry of sets reads in one place.
 * A harness: nothing in the request path reads this.
 */
export const conversationKinds = ["support", "coding", "travel"] as const;
/** The `novel` set adds a fourth kind, a home renovation (conversation-facts-novel.ts). */
export const novelConversationKinds = [...conversationKinds, "renovation"] as const;
/** The `unseen` set adds a fifth kind, a house move (conversation-facts-unseen.ts). */
export const unseenConversationKinds = ["support", "coding", "travel", "moving"] as const;
/** The `blind` set adds a sixth kind, planning an event (conversation-facts-blind.ts). */
export const blindConversationKinds = ["support", "coding", "travel", "event"] as const;
/** The `sealed` set adds a seventh kind, a job search (conversation-facts-sealed.ts). */
export const sealedConversationKinds = ["support", "coding", "travel", "jobsearch"] as const;
/** The `vault` set adds an eighth kind, a home insurance claim (conversation-facts-vault.ts). */
export const vaultConversationKinds = ["support", "coding", "travel", "claim"] as const;
/** The `harbor` set adds a ninth kind, a car in for repair at a garage (conversation-facts-harbor.ts). */
export const harborConversationKinds = ["support", "coding", "travel", "garage"] as const;
/** The `lantern` set adds a tenth kind, a dental clinic's front desk (conversation-facts-lantern.ts). */
export const lanternConversationKinds = ["support", "coding", "travel", "clinic"] as const;
/** The `quarry` set adds an eleventh kind, a letting agency's repairs desk (conversation-facts-quarry.ts). */
export const quarryConversationKinds = ["support", "coding", "travel", "tenancy"] as const;
/** The `forge` development sets (tune and check parts) add a twelfth kind, a vet practice (conversation-facts-forge.ts). */
export const forgeConversationKinds = ["support", "travel", "vet"] as const;
/** The `kiln` set adds a thirteenth kind, a freight broker's desk (conversation-facts-kiln.ts). */
export const kilnConversationKinds = ["support", "coding", "travel", "freight"] as const;
/** The `anvil_check` set adds a fourteenth kind, a children's nursery (conversation-facts-anvil.ts). */
export const anvilConversationKinds = ["coding", "travel", "nursery"] as const;
/** The `slate` set adds a fifteenth kind, a mortgage broker's case desk (conversation-facts-slate.ts). */
export const slateConversationKinds = ["support", "coding", "travel", "mortgage"] as const;
/** The `ember` set adds a sixteenth kind, a wedding planner (conversation-facts-ember.ts). */
export const emberConversationKinds = ["support", "coding", "travel", "wedding"] as const;
/** The `cinder` set adds a seventeenth kind, a home-care agency (conversation-facts-cinder.ts). */
export const cinderConversationKinds = ["support", "coding", "travel", "homecare"] as const;
/** The `flint` set adds an eighteenth kind, a boat-mooring marina (conversation-facts-flint.ts). */
export const flintConversationKinds = ["support", "coding", "travel", "marina"] as const;
/** The `basalt` set adds a nineteenth kind, a band's tour logistics (conversation-facts-basalt.ts). */
export const basaltConversationKinds = ["support", "coding", "travel", "tour"] as const;
/** The `pumice` set adds a twentieth kind, a clinical-trial site coordinator (conversation-facts-pumice.ts). */
export const pumiceConversationKinds = ["support", "coding", "travel", "trialsite"] as const;
export type ConversationKind = (typeof novelConversationKinds)[number] | (typeof unseenConversationKinds)[number] | (typeof blindConversationKinds)[number] | (typeof sealedConversationKinds)[number] | (typeof vaultConversationKinds)[number] | (typeof harborConversationKinds)[number] | (typeof lanternConversationKinds)[number] | (typeof quarryConversationKinds)[number] | (typeof forgeConversationKinds)[number] | (typeof kilnConversationKinds)[number] | (typeof anvilConversationKinds)[number] | (typeof slateConversationKinds)[number] | (typeof emberConversationKinds)[number] | (typeof cinderConversationKinds)[number] | (typeof flintConversationKinds)[number] | (typeof basaltConversationKinds)[number] | (typeof pumiceConversationKinds)[number];
export const phrasingVariants = ["tuned", "held_out", "fresh", "novel", "unseen", "blind", "sealed", "vault", "own", "harbor", "lantern", "quarry", "forge", "forge_check", "kiln", "anvil_check", "slate", "ember", "cinder", "flint", "basalt", "pumice"] as const;
/**
 * `dev`: phrasings for the corrected slots only (the rest fall back to `tuned`), written while tuning the
 * typed ledger slots and inspected freely: a development set, never reported as held out.
 */
export type PhrasingVariant = (typeof phrasingVariants)[number] | "dev";

/** The conversation kinds a set has: the novel, unseen, blind, sealed, vault, harbor, lantern, quarry, kiln, slate, ember, cinder, flint, basalt and pumice sets have four. */
export function kindsOf(variant: PhrasingVariant): readonly ConversationKind[] {
  if (variant === "sealed") return sealedConversationKinds;
  if (variant === "vault") return vaultConversationKinds;
  if (variant === "harbor") return harborConversationKinds;
  if (variant === "lantern") return lanternConversationKinds;
  if (variant === "quarry") return quarryConversationKinds;
  if (variant === "kiln") return kilnConversationKinds;
  if (variant === "slate") return slateConversationKinds;
  if (variant === "ember") return emberConversationKinds;
  if (variant === "cinder") return cinderConversationKinds;
  if (variant === "flint") return flintConversationKinds;
  if (variant === "basalt") return basaltConversationKinds;
  if (variant === "pumice") return pumiceConversationKinds;
  if (variant === "forge" || variant === "forge_check") return forgeConversationKinds;
  if (variant === "anvil_check") return anvilConversationKinds;
  // The own set (a development set of the sixth round) reuses the novel set's four kinds.
  if (variant === "own") return novelConversationKinds;
  return variant === "novel" ? novelConversationKinds : variant === "unseen" ? unseenConversationKinds : variant === "blind" ? blindConversationKinds : conversationKinds;
}
