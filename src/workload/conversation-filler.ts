import type { ConversationKind } from "./conversation-facts.ts";
import type { SeededRandom } from "./seeded-random.ts";
import { nurseryFiller } from "./conversation-facts-anvil.ts";
import { mortgageFiller } from "./conversation-facts-slate.ts";
import { weddingFiller } from "./conversation-facts-ember.ts";
import { homecareFiller } from "./conversation-facts-cinder.ts";
import { marinaFiller } from "./conversation-facts-flint.ts";
import { tourFiller } from "./conversation-facts-basalt.ts";
import { trialsiteFiller } from "./conversation-facts-pumice.ts";

/**
 * Filler for long conversations: turns of realistic, varied length built from sentence templates and
 * topic words, so no two turns repeat and the memory code cannot key on one sentence. Some filler is
 * first-person and mentions days or error codes, as real chat does: the ledger has to tell facts from talk.
 */
interface FillerTable {
  topics: readonly string[];
  user: readonly string[];
  assistant: readonly string[];
}

const common = {
  user: [
    "Thanks, that helps a bit.",
    "Hmm, I'm not sure that's what I'm seeing on my side.",
    "Okay, give me a second to check that.",
    "I tried that already and nothing changed, to be honest.",
    "Could you explain the {topic} part again, more slowly?",
    "Right, and what happens with the {topic} after that?",
    "I had a look at the {topic} this morning but it looked normal to me.",
    "Is there a way to see the {topic} without going through all of that?",
    "That sounds complicated, is there a simpler way to deal with the {topic}?",
    "We had something similar last year with the {topic} and it went away on its own.",
    "My manager keeps asking me about the {topic}, so any detail helps.",
    "Sorry for the long message, I just want to make sure the {topic} is covered.",
    "Just to be clear, I'm asking about the {topic}, not the {other}.",
    "It showed error {code} once yesterday, then never again.",
  ],
  assistant: [
    "Good question.",
    "Let me walk you through it.",
    "That is a common situation and usually easy to fix.",
    "The {topic} is handled separately from the {other}, which is why the two can disagree for a while.",
    "In most cases the {topic} settles by itself once the next sync has run.",
    "If the {topic} still looks wrong afterwards, the logs usually tell us why.",
    "I would start by checking the {topic}, because everything else depends on it.",
    "One thing that often helps is refreshing the {other} before looking at the {topic} again.",
    "You do not need to change anything on the {other} for this.",
    "There is a setting for the {topic} in the advanced section, but the default is usually fine.",
    "Error {code} generally means a temporary hiccup rather than anything serious.",
    "I can also explain how the {topic} and the {other} interact, if that would be useful.",
    "Let me know what you see after trying that.",
    "Happy to go through it step by step if you prefer.",
  ],
};

const tables: Record<ConversationKind, FillerTable> = {
  nursery: nurseryFiller,
  mortgage: mortgageFiller,
  wedding: weddingFiller,
  homecare: homecareFiller,
  marina: marinaFiller,
  tour: tourFiller,
  trialsite: trialsiteFiller,
  support: {
    topics: ["billing page", "login screen", "router lights", "invoice download", "mobile app", "password reset", "account dashboard", "Wi-Fi coverage", "payment method", "support portal", "email notifications", "user permissions"],
    user: ["The {topic} keeps logging me out whenever I switch tabs.", "When I open the {topic} it spins for ages and then shows a blank page.", "My colleague says the {topic} works fine for them, which is odd.", "I restarted everything twice and the {topic} is still acting up."],
    assistant: ["Sometimes the {topic} caches an old session, and signing out fully clears it.", "Our status page shows no incident for the {topic} right now.", "The {topic} depends on the browser allowing cookies for our domain.", "If you clear the cache and sign in again, the {topic} should load the current data."],
  },
  coding: {
    topics: ["build pipeline", "unit tests", "lint step", "type checker", "connection pool", "retry loop", "logging middleware", "migration script", "feature flag", "cache layer", "worker queue", "deployment manifest"],
    user: ["The {topic} fails locally but passes in CI, which drives me mad.", "I refactored the {topic} yesterday and now the {other} complains.", "Can you show me a cleaner way to structure the {topic}?", "I think the {topic} is swallowing an exception somewhere."],
    assistant: ["A common cause is that the {topic} reads an environment variable the CI sets and your shell does not.", "You could extract the {topic} into its own module and inject it, which makes it easier to test.", "Try logging at the boundary of the {topic}, so you can see what goes in and what comes out.", "The {topic} and the {other} share state here, which is why a change in one breaks the other."],
  },
  travel: {
    topics: ["city tour", "airport transfer", "old town", "ferry timetable", "hotel breakfast", "rental car", "beach day", "hiking trail", "local market", "train connection", "luggage allowance", "travel insurance"],
    user: ["The kids keep asking about the {topic}, they're very excited.", "I read mixed reviews about the {topic} online.", "Is the {topic} worth it, or is it a tourist trap?", "My parents did the {topic} years ago and loved it."],
    assistant: ["The {topic} is popular, so going early in the day avoids most of the crowds.", "Many families combine the {topic} with the {other} on the same day.", "Prices for the {topic} vary a lot by season, so it is worth comparing a few options.", "The {topic} is easy to reach by public transport from most central hotels."],
  },
  renovation: {
    topics: ["kitchen island", "bathroom extractor", "loft insulation", "electrical panel", "garden wall", "staircase railing", "boiler pipework", "window frames", "damp patch", "skirting boards", "ceiling plaster", "driveway drain"],
    user: ["The {topic} looks worse than I expected now that the old units are out.", "We argued about the {topic} all weekend, so any advice is welcome.", "The neighbours asked whether the {topic} needs scaffolding.", "I found a video about the {topic} but it skipped the tricky part."],
    assistant: ["The {topic} usually needs to be finished before anyone touches the {other}.", "Builders often price the {topic} separately, so ask for it as its own line.", "A surveyor can tell you whether the {topic} is structural or cosmetic.", "Leaving the {topic} until the end tends to cost more, because the {other} gets in the way."],
  },
  moving: {
    topics: ["packing list", "utility transfer", "change of address", "parking suspension", "furniture disassembly", "meter readings", "storage unit", "council tax form", "broadband setup", "cleaning checklist", "insurance cover", "school registration"],
    user: ["I keep putting off the {topic}, it feels endless.", "My partner thinks the {topic} can wait until after we move, I'm not so sure.", "A friend warned me the {topic} took her weeks last time.", "Do people usually sort the {topic} before or after the {other}?", "I started a spreadsheet for the {topic} but gave up halfway through."],
    assistant: ["The {topic} is easiest when you start about a month ahead.", "Most people sort the {topic} after the {other}, since one depends on the other.", "It helps to photograph everything before the {topic}, in case something goes missing.", "Providers often need two weeks' notice for the {topic}.", "You can usually do the {topic} online in a few minutes.", "Labelling boxes by room makes the {topic} much less painful."],
  },
  event: {
    topics: ["seating plan", "invitation wording", "playlist", "flower order", "table linen", "speeches", "photo booth", "parking signs", "welcome drinks", "lighting rig", "RSVP tracker", "thank-you cards"],
    user: ["My aunt has opinions about the {topic}, as always.", "I lost half an evening on the {topic} yesterday.", "Does the {topic} need sorting before the {other}?", "Honestly the {topic} is stressing me out more than it should.", "A friend swears the {topic} is what guests remember most."],
    assistant: ["The {topic} is easier once the {other} is settled.", "Most planners leave the {topic} until three weeks before.", "A simple spreadsheet keeps the {topic} under control.", "Suppliers often bundle the {topic} with the {other}, so ask for a combined quote.", "It helps to delegate the {topic} to one person.", "Guests rarely notice small changes to the {topic}."],
  },
  jobsearch: {
    topics: ["cover letter", "CV", "LinkedIn profile", "reference check", "portfolio", "take-home task", "salary research", "interview prep", "background check", "job alerts", "onboarding pack", "pension scheme"],
    user: ["I rewrote the {topic} again last night and I'm still not happy with it.", "A friend in HR says nobody reads the {topic} anyway, is that true?", "Should I mention the {topic} before they bring it up?", "The {topic} is taking more of my evenings than my actual job.", "I'm nervous about the {topic}, it's been years since I did one."],
    assistant: ["Keep the {topic} focused on results rather than duties.", "Recruiters usually look at the {topic} before the {other}.", "It is fine to ask how long the {topic} normally takes.", "Many candidates prepare the {topic} together with the {other}.", "A short, specific {topic} tends to land better than a long one.", "You can ask the recruiter what the {topic} involves before agreeing to it."],
  },
  garage: {
    topics: ["brake judder", "warning light", "service book", "tyre tread", "clutch bite", "engine mount", "exhaust rattle", "MOT advisory", "air-con smell", "steering pull", "diagnostic readout", "spare wheel"],
    user: ["The {topic} only shows up when the engine is cold.", "My neighbour reckons the {topic} is nothing to worry about, is he right?", "I noticed the {topic} again on the motorway this morning.", "Is the {topic} something I can keep driving with for a while?", "The last garage charged me a fortune for the {topic}."],
    assistant: ["The {topic} is worth checking before the {other}, since one can cause the other.", "Many drivers notice the {topic} first in cold weather.", "A road test usually tells us more about the {topic} than the readout does.", "Parts for the {topic} are normally in stock within a day or two.", "We photograph the {topic} so you can see what we found.", "It is usually cheaper to do the {topic} together with the {other}."],
  },
  clinic: {
    topics: ["gum line", "X-ray", "night guard", "sensitive tooth", "numbing injection", "scale and polish", "old filling", "jaw click", "mouthwash", "waiting list", "bite check", "temporary cap"],
    user: ["The {topic} has been bothering me since Sunday, mostly when I drink something cold, and I'd rather not leave it until it gets worse.", "My husband says I'm making a fuss about the {topic}, but I've been lying awake with it.", "Last time the {topic} took much longer than anyone said it would, so I'd like to plan around that.", "Is the {topic} something the hygienist does, or do I need the dentist for it?", "I looked the {topic} up online and now I've scared myself, to be honest.", "Do I need to stop eating before the {topic}, or is that only for surgery?"],
    assistant: ["The {topic} is usually checked before anything is done about the {other}, so the dentist sees the whole picture.", "Many patients notice the {topic} more in winter; it is worth mentioning at the start of the visit.", "We normally book the {topic} and the {other} in one visit where we can, so you come in less often.", "If the {topic} gets worse before then, ring the desk in the morning and we will try to fit you in.", "The {topic} itself takes about twenty minutes; the paperwork around it takes longer than the treatment.", "You can eat normally before the {topic}; just avoid anything very hot for a couple of hours afterwards."],
  },
  tenancy: {
    topics: ["mould on the ceiling", "extractor fan", "front-door lock", "radiator valve", "gas safety check", "cracked tile", "window seal", "smoke alarm", "deposit", "bin store", "stair light", "washing machine hose"],
    user: ["The {topic} has been like this since the autumn and I've reported it twice already.", "Honestly the {topic} is the least of it, but while someone's here could they look?", "My flatmate thinks the {topic} is our job to fix, is it?", "I took photos of the {topic} on my phone, where do I send them?", "The previous tenant said the {topic} was always a problem.", "Do I have to be in for the {topic}, or can they use the spare key?"],
    assistant: ["Repairs to the {topic} are normally the landlord's responsibility under the tenancy agreement.", "We usually get the {topic} and the {other} done in one visit to save you a second day off.", "If the {topic} gets worse, call the out-of-hours line rather than waiting for us to reply.", "Photos of the {topic} help the contractor bring the right parts first time.", "The contractor will check the {other} while looking at the {topic}.", "We log the {topic} on your case so nothing is lost between visits."],
  },
  freight: {
    topics: ["rate confirmation", "POD", "detention charge", "tail-lift", "seal number", "customs entry", "pallet count", "fuel surcharge", "booking slot", "BOL", "driver's ETA", "demurrage"],
    user: ["the {topic} still hasn't come through and my boss is asking", "Quick one on the {topic} — who pays for it this time?", "Last load the {topic} was a mess, I don't want a repeat.", "can you chase the {topic}? I've emailed twice", "Shipper's asking about the {topic} again, what do I tell them?", "Is the {topic} something your side sorts or ours?"],
    assistant: ["I'll chase the {topic} with the carrier and come back to you by end of day.", "The {topic} usually follows the {other}, so it should land once that's done.", "Detention and the {topic} are billed separately; I'll flag both on the invoice.", "I've noted the {topic} on the load so the driver sees it.", "If the {topic} slips, the {other} slips with it, so I'll keep an eye on both.", "Most delays on a load like this come from the {topic}, not the {other}."],
  },
  vet: {
    topics: ["flea treatment", "booster jab", "weigh-in", "nail clip", "ear drops", "worming tablet", "dental chew", "limp", "skin rash", "kennel cough", "diet food", "insurance form"],
    user: ["He's been scratching at the {topic} all week and I can't tell if it's getting better.", "My partner thinks I fuss too much about the {topic}, but he's my boy.", "Last visit the {topic} took ages, so I'd like to know how long to allow.", "Can the nurse do the {topic}, or does it have to be the vet?", "I read about the {topic} on a forum and now I'm worried."],
    assistant: ["The {topic} is usually looked at before the {other}, so the vet has the full picture.", "Lots of dogs are a bit off after the {topic}; it normally passes in a day.", "We can often do the {topic} and the {other} in the same visit.", "If the {topic} gets worse before then, ring us first thing and we'll fit him in.", "The {topic} takes about ten minutes; the waiting room is usually the longer part."],
  },
  claim: {
    topics: ["dehumidifier", "skirting", "moisture survey", "floor screed", "photo evidence", "plumber's report", "mould check", "contents list", "kitchen worktop", "ceiling stain", "electrics test", "laminate flooring"],
    user: ["The {topic} is driving me up the wall, honestly.", "Do they normally ask about the {topic} this early?", "My neighbour had a leak last year and says the {topic} took months.", "I've put the {topic} in a folder on the desktop, is that enough?", "The kids keep asking when the {topic} will be sorted."],
    assistant: ["Insurers usually want the {topic} before they look at the {other}.", "It helps to keep receipts for anything to do with the {topic}.", "The {topic} often takes longer than people expect, especially in winter.", "You can ask the adjuster whether the {topic} is covered separately.", "Keeping a simple diary of the {topic} makes the later conversations easier.", "Most claims stall on the {topic} rather than on the {other}."],
  },
};

function fill(template: string, table: FillerTable, random: SeededRandom): string {
  const topic = random.pick(table.topics);
  let other = random.pick(table.topics);
  if (other === topic) other = table.topics[(table.topics.indexOf(topic) + 1) % table.topics.length]!;
  return template.replaceAll("{topic}", topic).replaceAll("{other}", other).replaceAll("{code}", `E${random.integer(7000, 7999)}`);
}

/** One filler turn: 1–4 sentences for a user, 2–7 for the assistant, no sentence twice in a turn. */
export function fillerTurn(kind: ConversationKind, role: "user" | "assistant", random: SeededRandom): string {
  const table = tables[kind];
  const pool = [...table[role], ...common[role]];
  const count = role === "user" ? random.integer(1, 4) : random.integer(2, 7);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(random.pick(pool));
  return [...chosen].map((template) => fill(template, table, random)).join(" ");
}
