/**
 * Planted user facts for the memory-recall bench: kinds of fact, each with value pools, the phrasings a
 * user states it in and the questions asked about it later. Phrasings are split: `tuned` ones were in view
 * while the extraction rules were written; `heldOut` ones were written with them and never tuned against
 * (the bench reports both). `update` states a new value of a fact that changes.
 */
export interface FactKind {
  name: string;
  values: readonly string[];
  tuned: readonly string[];
  heldOut: readonly string[];
  questions: readonly string[];
  update?: readonly string[];
}

const names = ["Ilse", "Mara", "Tomas", "Anouk", "Priya", "Kenji", "Lucia", "Oskar", "Noor", "Eliska", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaia", "Leon", "Mila", "Nils", "Olga"];
const cities = ["Porto", "Lisbon", "Ghent", "Tartu", "Bergen", "Lyon", "Graz", "Krakow", "Malmo", "Utrecht", "Bologna", "Cork", "Aarhus", "Brno", "Turku", "Leeds"];

export const factKinds: readonly FactKind[] = [
  { name: "daughter", values: names, tuned: ["My daughter is called {v}.", "My daughter's name is {v}."], heldOut: ["We named our daughter {v}.", "I have a daughter, {v}, who is six."], questions: ["What is my daughter called?", "Do you remember my daughter's name?"] },
  { name: "home", values: cities, tuned: ["I moved to {v} last spring.", "I live in {v} now."], heldOut: ["I'm based in {v} these days.", "Home for me is {v} since last year."], questions: ["Where do I live?", "Which city did I move to?"], update: ["Actually, I moved to {v} last month.", "I live in {v} now, we moved again."] },
  { name: "employer", values: ["Siemens", "Philips", "Adyen", "Spotify", "Zalando", "Klarna", "Bosch", "Nokia", "Ericsson", "Booking"], tuned: ["I work at {v}.", "I work for {v} as an engineer."], heldOut: ["I'm employed at {v} in the payments team.", "I joined {v} two years ago."], questions: ["Where do I work?", "Which company do I work for?"], update: ["I work at {v} now, I switched jobs.", "I joined {v} last week."] },
  { name: "dog", values: names, tuned: ["My dog is called {v}.", "My dog's name is {v}."], heldOut: ["I have a dog named {v}.", "Our dog {v} hates thunderstorms."], questions: ["What is my dog called?", "What's the name of my dog?"] },
  { name: "allergy", values: ["peanuts", "shellfish", "penicillin", "pollen", "gluten", "latex", "sesame", "kiwi"], tuned: ["I'm allergic to {v}.", "I am allergic to {v}, so be careful."], heldOut: ["I react badly to {v}, it's an allergy.", "My allergy is to {v}."], questions: ["What am I allergic to?", "Do I have any allergy?"] },
  { name: "budget", values: ["1,800", "2,400", "3,500", "4,200", "950", "5,100", "2,750"], tuned: ["My monthly budget is {v} euros.", "My budget is {v} euros a month."], heldOut: ["I can spend at most {v} euros a month on this, that's my budget.", "The budget I have is {v} euros per month."], questions: ["What is my monthly budget?", "How much budget do I have each month?"], update: ["My monthly budget is now {v} euros.", "My budget changed to {v} euros a month."] },
  { name: "anniversary", values: ["12 June", "3 March", "28 August", "14 February", "9 October", "21 December"], tuned: ["Our wedding anniversary is on {v}.", "My wedding anniversary is {v}."], heldOut: ["We celebrate our wedding anniversary every {v}.", "I got married on {v}, that's our anniversary."], questions: ["When is my wedding anniversary?", "What date is our anniversary?"] },
  { name: "language", values: ["French", "German", "Spanish", "Dutch", "Portuguese", "Italian"], tuned: ["I prefer answers in {v}.", "Please always answer me in {v}."], heldOut: ["I'd rather read your answers in {v}.", "Answers in {v} work best for me."], questions: ["Which language do I prefer for answers?", "In what language should you answer me?"] },
  { name: "calls", values: ["2 pm", "4 pm", "10 am", "11 am", "3 pm"], tuned: ["I can only take calls after {v}.", "I'm not available for calls before {v}."], heldOut: ["Calls work for me only after {v}.", "Don't schedule calls for me before {v}."], questions: ["When can I take calls?", "From what time am I available for calls?"] },
  { name: "birthday", values: ["2 May", "17 July", "30 January", "8 November", "25 September"], tuned: ["My birthday is on {v}.", "My birthday is {v}."], heldOut: ["I celebrate my birthday on {v}.", "{v} is my birthday."], questions: ["When is my birthday?", "What's the date of my birthday?"] },
  { name: "car", values: ["Skoda Octavia", "Volvo V60", "Renault Zoe", "Tesla Model 3", "Toyota Yaris", "Kia Niro"], tuned: ["I drive a {v}.", "My car is a {v}."], heldOut: ["I own a {v}, it's my only car.", "The car I have is a {v}."], questions: ["What car do I drive?", "Which car do I have?"] },
  { name: "editor", values: ["Neovim", "Emacs", "VS Code", "IntelliJ", "Helix", "Zed"], tuned: ["My favourite editor is {v}.", "I prefer {v} for editing code."], heldOut: ["I write all my code in {v}, it's my editor.", "For code I use {v} as my editor."], questions: ["Which code editor do I prefer?", "What's my favourite editor?"] },
  { name: "diet", values: ["vegetarian", "vegan", "pescatarian", "halal", "kosher"], tuned: ["I follow a {v} diet.", "I'm {v}, so keep that in mind for my diet."], heldOut: ["My diet is {v}.", "I eat {v} food only, that's my diet."], questions: ["What diet do I follow?", "Do I have a special diet?"] },
  { name: "team", values: ["7", "12", "4", "19", "23", "9"], tuned: ["My team has {v} engineers.", "There are {v} engineers in my team."], heldOut: ["I manage a team of {v} engineers.", "We are {v} engineers in my team now."], questions: ["How many engineers are in my team?", "How big is my team?"] },
  { name: "timezone", values: ["CET", "UTC", "EET", "PST", "JST", "IST"], tuned: ["My time zone is {v}.", "I'm in the {v} time zone."], heldOut: ["I work on {v} time, that's my time zone.", "Please use {v} for my time zone."], questions: ["What is my time zone?", "Which time zone am I in?"] },
  { name: "brother", values: names, tuned: ["My brother is called {v}.", "My brother's name is {v}."], heldOut: ["I have a brother named {v}.", "{v} is my younger brother."], questions: ["What is my brother's name?", "Do you know my brother's name?"] },
  { name: "flight", values: ["4 April", "19 May", "2 June", "11 July", "27 August"], tuned: ["My flight to Tokyo leaves on {v}.", "My flight to Tokyo is on {v}."], heldOut: ["I fly to Tokyo on {v}.", "I'm flying to Tokyo on {v}, that's my flight."], questions: ["When does my flight to Tokyo leave?", "What date is my Tokyo flight?"] },
  { name: "colour", values: ["teal", "orange", "navy", "crimson", "olive", "lilac"], tuned: ["My favourite colour is {v}.", "My favorite color is {v}."], heldOut: ["I like {v} more than any other colour.", "{v} is the colour I like best."], questions: ["What is my favourite colour?", "Which colour do I like best?"] },
  { name: "learning", values: ["Japanese", "Finnish", "Greek", "Korean", "Polish", "Arabic"], tuned: ["I'm learning {v} at the moment.", "I am learning {v} this year."], heldOut: ["I've started {v} lessons, learning it slowly.", "Learning {v} is my project this year."], questions: ["Which language am I learning?", "What language am I learning at the moment?"] },
  { name: "plan", values: ["Pro", "Team", "Starter", "Enterprise", "Basic"], tuned: ["I'm on the {v} plan.", "My subscription plan is {v}."], heldOut: ["We pay for the {v} plan.", "Our account uses the {v} plan."], questions: ["Which plan am I on?", "What subscription plan do I have?"], update: ["I'm on the {v} plan now, we upgraded.", "My subscription plan is now {v}."] },
];

/** Ordinary user turns between the facts: questions, requests, pleasantries. */
export const fillerTurns: readonly string[] = [
  "Can you explain how the refund process works?",
  "Thanks, that helps.",
  "What are your opening hours on weekends?",
  "Could you summarise the last invoice for me?",
  "Ok, sounds good.",
  "How do I export my data to CSV?",
  "Please check the status of ticket 4821.",
  "Why was the payment declined yesterday?",
  "Great, thank you!",
  "Is there a way to change the billing address?",
  "Let me check and get back to you.",
  "What does error code E42 mean?",
];
