import type { z } from "zod";

/** The first issue of a zod error as `path: message`, for provider error bodies. */
export function zodIssueText(error: z.ZodError | undefined): string {
  const issue = error?.issues[0];
  if (issue === undefined) return "the body is not a JSON object";
  const path = issue.path.map(String).join(".");
  return `${path === "" ? "(body)" : path}: ${issue.message}`;
}
