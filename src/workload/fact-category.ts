/** What kind of fact a long-conversation workload plants (every phrasing table uses these). */
export type FactCategory = "name" | "number" | "date" | "preference" | "constraint" | "decision";
