import { correctionPhrasings, factSlotsOf, type ConversationKind, type FactCategory, type PhrasingVariant, type PlantableSlot } from "./conversation-facts.ts";
import { fillerTurn } from "./conversation-filler.ts";
import { seededRandom } from "./seeded-random.ts";

export interface ConversationTurn {
  role: "user" | "assistant";
  text: string;
}

/** A fact planted in a user turn; a corrected one was restated later with a new value. */
export interface PlantedFact {
  subject: string;
  category: FactCategory;
  /** The user turn (0-based, counting user turns only) that states it first, or confirms the assistant's offer of it. */
  turn: number;
  /** Facts the assistant proposed (the harbor set): the assistant turn (0-based, assistant turns only) that said the value; `turn` is the user's confirmation, which does not repeat it. */
  offeredAt?: number;
  /** The current value: the string a model must see to answer. */
  answer: string;
  /** Corrected facts: the value first stated, no longer current, and the user turn of the correction. */
  stale?: string;
  correctedAt?: number;
  /** Facts corrected twice (the vault set): the user turn of the first correction; `correctedAt` is the second. */
  firstCorrectedAt?: number;
  /** A twice-corrected fact's first value when it is neither `answer` nor `stale` (a correction back to it leaves none). */
  firstStale?: string;
  /** Facts said again unchanged later (the vault set): the user turn of that restatement, which corrects nothing. */
  restatedAt?: number;
  /** A restatement that names another value without adopting it ("that's my neighbour's claim, ours is …"): that value. */
  decoy?: string;
  /** Facts dropped with nothing in their place (the lantern set): `answer` is what the user said instead ("no interpreter needed"), `stale` the value dropped. */
  retired?: true;
}

export interface Conversation {
  kind: ConversationKind;
  seed: number;
  variant: PhrasingVariant;
  turns: ConversationTurn[];
  facts: PlantedFact[];
}

export interface ConversationOptions {
  kind: ConversationKind;
  seed: number;
  variant?: PhrasingVariant;
  /** User turns before the closing question; as many assistant turns. Default 100. */
  userTurns?: number;
  /** At most this many facts are corrected later. Default 4. */
  corrections?: number;
}

/** The harbor and lantern sets' kinds share name lengths (coding, travel, garage, clinic): the name itself seeds them apart. */
function kindSalt(kind: string): number {
  return [...kind].reduce((hash, letter) => (hash * 31 + letter.charCodeAt(0)) % 1_000_003, 0);
}

/**
 * A seeded long conversation of one kind: `userTurns` user/assistant exchanges of filler, every fact slot
 * of the kind planted once in a user turn (alone or inside filler), some corrected later, and a closing
 * user turn asking for all of them. Same options, same conversation. A harness for the retention bench.
 *
 * @example
 * const conversation = generateConversation({ kind: "travel", seed: 3 });
 * conversation.turns.length // 201: 100 exchanges and the closing question
 */
export function generateConversation(options: ConversationOptions): Conversation {
  const { kind, seed } = options;
  const variant = options.variant ?? "tuned";
  const userTurns = options.userTurns ?? 100;
  const random = seededRandom(seed * 7919 + kind.length * 104_729 + (variant === "held_out" ? 15_485_863 : variant === "fresh" ? 32_452_843 : variant === "dev" ? 49_979_687 : variant === "novel" ? 67_867_967 : variant === "unseen" ? 86_028_121 : variant === "blind" ? 104_395_301 : variant === "sealed" ? 122_949_829 : variant === "vault" ? 141_650_963 : variant === "own" ? 141_650_939 : variant === "harbor" ? 160_481_219 + kindSalt(kind) : variant === "lantern" ? 179_424_691 + kindSalt(kind) : variant === "quarry" ? 198_491_329 + kindSalt(kind) : variant === "forge" || variant === "forge_check" ? 198_491_317 + kindSalt(kind) : variant === "kiln" || variant === "anvil_check" ? 217_645_199 + kindSalt(kind) : variant === "slate" ? 236_887_691 + kindSalt(kind) : variant === "ember" ? 256_203_161 + kindSalt(kind) : variant === "cinder" ? 275_604_547 + kindSalt(kind) : variant === "flint" ? 295_075_147 + kindSalt(kind) : variant === "basalt" ? 314_606_891 + kindSalt(kind) : variant === "pumice" ? 334_214_467 + kindSalt(kind) : 0));
  const slots = factSlotsOf(kind, variant);
  const planted = new Map<number, string[]>();
  const plant = (turn: number, sentence: string) => planted.set(turn, [...(planted.get(turn) ?? []), sentence]);
  // The harbor set's offers: said at the end of the assistant turn before the user's confirmation.
  const offered = new Map<number, string[]>();
  // Facts are spread over the whole conversation, never in the last five turns (those would be verbatim anyway).
  const lastPlantable = Math.max(1, userTurns - 6);
  const facts: PlantedFact[] = [];
  // The novel set corrects five facts per conversation, unseen and blind six, sealed and own seven, vault, harbor, lantern, quarry, kiln, anvil_check, slate, ember, cinder and flint nine, basalt and pumice eleven: more corrections measured per run.
  const correctable = slots.filter((slot) => slot.correctable).slice(0, options.corrections ?? (variant === "basalt" || variant === "pumice" ? 11 : variant === "novel" ? 5 : variant === "unseen" || variant === "blind" ? 6 : variant === "sealed" || variant === "own" ? 7 : variant === "harbor" || variant === "lantern" || variant === "quarry" || variant === "forge" || variant === "forge_check" || variant === "kiln" || variant === "anvil_check" || variant === "slate" || variant === "ember" || variant === "cinder" || variant === "flint" ? 9 : variant === "vault" ? 9 : 4));
  // Two slots may share a pool (names): a value is used once per conversation, so every answer has one fact.
  const used = new Set<string>();
  const pickUnused = (values: readonly string[]) => {
    const value = random.pick(values.filter((candidate) => !used.has(candidate)));
    used.add(value);
    return value;
  };
  // `{turn}`: a sentence said over two user turns, the value in the second. `{later}` (the quarry, kiln, slate, ember, cinder and flint sets): the lead-in
  // two or three user turns before the value, other talk between (a correction always comes five or more turns after
  // what it corrects, a second one four: the lead-in never precedes it). Only quarry, kiln, slate, ember, cinder and flint draw for it.
  const say = (turn: number, sentence: string) => {
    const [lead = "", value] = sentence.split("{later}");
    if (value !== undefined) {
      plant(turn - random.integer(2, 3), lead.trim());
      plant(turn, value.trim());
      return;
    }
    const [first = "", second] = sentence.split("{turn}");
    if (second !== undefined) plant(turn - 1, first.trim());
    plant(turn, second === undefined ? sentence : second.trim());
  };
  // The vault set: a second correction (`{first}` alone: back to the first value), then a plain restatement.
  const recorrect = (slot: PlantableSlot, fact: PlantedFact, first: string, firstCorrectedAt: number) => {
    const template = random.pick(slot.recorrections ?? []);
    const back = !template.includes("{v}") && template.includes("{first}");
    const next = back ? first : pickUnused(slot.values);
    const correctedAt = random.integer(firstCorrectedAt + 4, lastPlantable);
    const middle = fact.answer;
    say(correctedAt, (template === "{restate}" ? random.pick(slot.phrasings) : template).replaceAll("{s}", slot.subject).replaceAll("{v}", next).replaceAll("{old}", middle).replaceAll("{first}", first));
    Object.assign(fact, { answer: next, stale: middle, correctedAt, firstCorrectedAt, ...(back ? {} : { firstStale: first }) });
  };
  const restate = (slot: PlantableSlot, fact: PlantedFact) => {
    const after = (fact.correctedAt ?? fact.turn) + 3;
    if (after > lastPlantable) return;
    const restatedAt = random.integer(after, lastPlantable);
    const template = random.pick(slot.restatements ?? []);
    const decoy = template.includes("{decoy}") ? pickUnused(slot.values) : undefined;
    plant(restatedAt, template.replaceAll("{s}", slot.subject).replaceAll("{v}", fact.answer).replaceAll("{decoy}", decoy ?? ""));
    Object.assign(fact, { restatedAt, ...(decoy === undefined ? {} : { decoy }) });
  };
  // The lantern set: a value dropped with nothing in its place, after its last change (never after a second one).
  const retire = (slot: PlantableSlot, fact: PlantedFact) => {
    const from = (fact.correctedAt ?? fact.turn) + 4;
    if (slot.none === undefined || slot.retirements === undefined || fact.firstCorrectedAt !== undefined || from > lastPlantable) return;
    const retiredAt = random.integer(from, lastPlantable);
    plant(retiredAt, random.pick(slot.retirements).replaceAll("{s}", slot.subject).replaceAll("{old}", fact.answer).replaceAll("{none}", slot.none));
    const before = fact.correctedAt === undefined ? {} : { firstCorrectedAt: fact.correctedAt, ...(fact.stale === undefined ? {} : { firstStale: fact.stale }) };
    Object.assign(fact, { answer: slot.none, stale: fact.answer, correctedAt: retiredAt, retired: true, ...before });
  };
  for (const slot of slots) {
    const value = pickUnused(slot.values);
    // An offered value needs an assistant turn before its confirmation: never the first user turn.
    const turn = random.integer(slot.offers === undefined ? 0 : 1, lastPlantable);
    // The lantern set: an offer turned down in the very next user turn, for a value the user names.
    if (slot.offers !== undefined && slot.counters !== undefined && random.chance(0.5)) {
      offered.set(turn - 1, [...(offered.get(turn - 1) ?? []), random.pick(slot.offers).replaceAll("{v}", value)]);
      const next = pickUnused(slot.values);
      plant(turn, random.pick(slot.counters).replaceAll("{s}", slot.subject).replaceAll("{v}", next).replaceAll("{old}", value));
      // The offer is the first statement (`turn` the user turn before it), the counter its correction.
      const fact: PlantedFact = { subject: slot.subject, category: slot.category, turn: turn - 1, offeredAt: turn - 1, answer: next, stale: value, correctedAt: turn };
      if (correctable.includes(slot) && slot.recorrections !== undefined && turn + 4 <= lastPlantable) recorrect(slot, fact, value, turn);
      if (slot.restatements !== undefined) restate(slot, fact);
      facts.push(fact);
      continue;
    }
    if (slot.offers === undefined) plant(turn, random.pick(slot.phrasings).replaceAll("{v}", value));
    else {
      offered.set(turn - 1, [...(offered.get(turn - 1) ?? []), random.pick(slot.offers).replaceAll("{v}", value)]);
      plant(turn, random.pick(slot.confirmations ?? ["Yes, that's fine."]));
    }
    const fact: PlantedFact = { subject: slot.subject, category: slot.category, turn, answer: value, ...(slot.offers === undefined ? {} : { offeredAt: turn - 1 }) };
    if (correctable.includes(slot) && turn + 6 <= lastPlantable) {
      const next = pickUnused(slot.values);
      const correctedAt = random.integer(turn + 5, lastPlantable);
      // A slot's own corrections (the sealed set) join the set's: the same draw when a slot has none.
      const template = random.pick(slot.corrections === undefined ? correctionPhrasings[variant] : [...correctionPhrasings[variant], ...slot.corrections]);
      // `{restate}`: the slot's own plain phrasing again with the new value, nothing saying it corrects.
      const correction = (template === "{restate}" ? random.pick(slot.phrasings) : template).replaceAll("{s}", slot.subject).replaceAll("{v}", next).replaceAll("{old}", value);
      say(correctedAt, correction);
      Object.assign(fact, { answer: next, stale: value, correctedAt });
      if (slot.recorrections !== undefined && correctedAt + 4 <= lastPlantable) recorrect(slot, fact, value, correctedAt);
    }
    if (slot.retirements !== undefined) retire(slot, fact);
    if (slot.restatements !== undefined) restate(slot, fact);
    facts.push(fact);
  }
  const turns: ConversationTurn[] = [];
  for (let turn = 0; turn < userTurns; turn += 1) {
    const sentences = planted.get(turn);
    let user = fillerTurn(kind, "user", random);
    // A planted fact sits alone, before the filler, or after it: where a person happens to say it.
    if (sentences !== undefined) {
      const where = random.integer(0, 2);
      user = where === 0 ? sentences.join(" ") : where === 1 ? `${sentences.join(" ")} ${user}` : `${user} ${sentences.join(" ")}`;
    }
    const offers = offered.get(turn);
    const assistant = fillerTurn(kind, "assistant", random);
    turns.push({ role: "user", text: user }, { role: "assistant", text: offers === undefined ? assistant : `${assistant} ${offers.join(" ")}` });
  }
  const asked = facts.map((fact) => `the ${fact.subject}`).join(", ");
  turns.push({ role: "user", text: `Before we wrap up, can you list what you know about ${asked}?` });
  return { kind, seed, variant, turns, facts };
}
