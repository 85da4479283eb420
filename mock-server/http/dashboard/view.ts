/**
 * What a dashboard page shows lives in its URL, so a link shows a colleague the same page: the
 * merchant, the tab, the tab's filters, and the outcome of the action that led there (the flash).
 * The filters reuse the contracts' enums; the page reads the same query on GET and on an action's
 * refusal (an action's URL carries the view it came from).
 */
import * as z from "zod";
import { CONTROL_PREFIX, JournalQuery } from "../../../contracts/mock/control.ts";
import { DeliveryState } from "../../../contracts/mock/webhooks.ts";
import { scheduleStatus } from "../../../contracts/schemas/common.ts";
import { paymentStatus } from "../../../contracts/schemas/payments.ts";
import { decodeQuery } from "../decode-request.ts";

export const DASHBOARD_PATH = `${CONTROL_PREFIX}/ui`;

export const TABS = {
  payments: "Payments",
  "billing-keys": "Billing keys",
  schedules: "Schedules",
  webhooks: "Webhooks",
  routing: "Smart routing",
  notices: "PG notices",
  failures: "Failures",
  journal: "Journal",
  clock: "Clock & reset",
} as const;
export type Tab = keyof typeof TABS;

/** What an action did, said on the page it redirects to; `subject` names what it did it to. */
export const FLASHES = {
  deposited: (subject: string) => `Deposit received: ${subject} is paid, and its webhook is owed.`,
  "refund-transferred": (subject: string) => `The PG transferred the refund of ${subject}.`,
  "refund-bounced": (subject: string) => `The refund transfer of ${subject} failed: the refund was dropped.`,
  advanced: (subject: string) => `The clock moved to ${subject}.`,
  armed: (subject: string) => `Failure ${subject} armed.`,
  disarmed: (subject: string) => `${subject} armed failure(s) disarmed.`,
  resent: (subject: string) => `Webhook delivery ${subject} is being sent again.`,
  "resent-failed": (subject: string) => `${subject} failed webhook delivery(ies) being sent again.`,
  reset: () => "The mock was reset: back to its configured state, the clock rewound.",
} as const satisfies Record<string, (subject: string) => string>;
export type FlashKind = keyof typeof FLASHES;

export const DashboardView = z.object({
  /** The first configured merchant when left out, as in every control call. */
  store_code: z.string().optional(),
  tab: z.enum(Object.keys(TABS) as [Tab, ...Tab[]]).default("payments"),
  /** payments: by status and pay method; payments and webhooks: imp_uid or merchant_uid containing this. */
  status: paymentStatus.optional(),
  pay_method: z.string().optional(),
  q: z.string().optional(),
  schedule_status: scheduleStatus.optional(),
  /** webhooks: by delivery state. */
  state: DeliveryState.optional(),
  /** journal: by operation key, how many, and whether requests of other merchants (or of none) show. */
  operation: z.string().optional(),
  limit: JournalQuery.shape.limit,
  scope: z.enum(["merchant", "all"]).default("merchant"),
  flash: z.enum(Object.keys(FLASHES) as [FlashKind, ...FlashKind[]]).optional(),
  subject: z.string().optional(),
});
export type DashboardView = z.output<typeof DashboardView>;

/**
 * A query string or a form body as plain fields: empty ones left out (an empty form field means
 * "not given"), strings converted where the schema wants numbers, as every form request is.
 */
export function fieldsOf(encoded: string, schema: z.ZodType | undefined): Record<string, unknown> {
  const kept = [...new URLSearchParams(encoded)].filter(([, value]) => value.trim() !== "");
  return decodeQuery(new URLSearchParams(kept).toString(), schema);
}

const DEFAULTS = DashboardView.parse({});

/** The view's query string, without what is at its default; `changes` replace fields (undefined drops one). */
export function viewQuery(view: Partial<DashboardView>, changes: Partial<DashboardView> = {}): string {
  const merged: Partial<DashboardView> = { ...view, ...changes };
  const pairs = Object.entries(merged).filter(
    ([key, value]) => value !== undefined && DEFAULTS[key as keyof DashboardView] !== value,
  );
  const query = new URLSearchParams(pairs.map(([key, value]): [string, string] => [key, String(value)])).toString();
  return query ? `?${query}` : "";
}

/** A link to a page of the dashboard. */
export const viewHref = (view: Partial<DashboardView>, changes: Partial<DashboardView> = {}) =>
  `${DASHBOARD_PATH}${viewQuery(view, changes)}`;

/** Where an action's form posts: the action, with the view it was on (to come back to, or to show a refusal on). */
export const actionHref = (action: string, view: Partial<DashboardView>) =>
  `${DASHBOARD_PATH}/actions/${action}${viewQuery(view, { flash: undefined, subject: undefined })}`;
