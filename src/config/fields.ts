import { z } from "zod";

/** Field types shared by the config's sections. */
export const positive = z.number().positive();
export const nonNegative = z.number().nonnegative();
/** Deployment and group names: they appear in URLs, metric labels and keys. */
export const identifier = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' or '-'");
