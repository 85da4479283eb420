/**
 * How a zod issue is named in a refusal: its path as the API writes fields (`schedules[0].amount`)
 * and the issue's message. Shared by request validation (pg/), the control API, the config and
 * smart-routing groups, so it belongs to none of them.
 */
import type { z } from "zod";

/** `schedules[0].amount` from a zod issue path. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    "",
  );
}

/** `field: message; …` for a failed parse of the control API or the config; `root` names a whole-input problem. */
export function issueList(error: z.ZodError, root: string): string[] {
  return error.issues.map((issue) => `${pathText(issue.path) || root}: ${issue.message}`);
}
