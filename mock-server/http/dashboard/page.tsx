/**
 * The frame of every dashboard page: the merchants, the virtual clock with quick moves, the tabs
 * with their counts, the outcome of the last action (or its refusal), then the tab itself. Plain
 * HTML and one inline stylesheet: no script, nothing loaded from anywhere.
 */
import { raw } from "hono/html";
import type { Child, FC } from "hono/jsx";
import type { FailureKind } from "../../core/errors.ts";
import type { ControlAnswer } from "../control-call.ts";
import { kst } from "./format.ts";
import { STYLE } from "./style.ts";
import { actionHref, FLASHES, TABS, viewHref, type DashboardView, type Tab } from "./view.ts";

export type StateView = ControlAnswer<"getState">;
export type DeliveryView = ControlAnswer<"listWebhooks">[number];

/** What a page is drawn from: the control API's own answers. */
export interface PageData {
  state: StateView;
  clock: ControlAnswer<"getClock">;
  /** Every delivery of the merchant still in the log, newest first. */
  deliveries: DeliveryView[];
}

export interface Refusal {
  kind: FailureKind;
  message: string;
}

export interface Merchant {
  store_code: string;
  name: string;
}

/** A form that posts to one of the dashboard's actions and comes back to this view. */
export const ActionForm: FC<{ action: string; view: DashboardView; class?: string; children?: Child }> = ({
  action,
  view,
  children,
  ...rest
}) => (
  <form method="post" action={actionHref(action, view)} class={rest.class ?? "inline"}>
    {children}
  </form>
);

/** A tab's filters: a GET form that keeps the merchant and the tab, with a link that clears them. */
export const Filters: FC<{ store_code: string; tab: Tab; children?: Child }> = ({ store_code, tab, children }) => (
  <form method="get" class="filters">
    <input type="hidden" name="store_code" value={store_code} />
    <input type="hidden" name="tab" value={tab} />
    {children}
    <button type="submit">Filter</button>
    <a href={viewHref({ store_code, tab })}>clear</a>
  </form>
);

/** A labelled select: `any` (an empty value: not given) first unless `any` is null, `current` selected. */
export const Choice: FC<{
  label: string;
  name: string;
  options: readonly string[];
  current?: string | undefined;
  any?: string | null;
  /** What to show for a value, where it is not the value itself. */
  labels?: Record<string, string>;
}> = ({ label, name, options, current, any = "any", labels = {} }) => (
  <label>
    {label}
    <select name={name}>
      {any !== null && <option value="">{any}</option>}
      {options.map((option) => (
        <option value={option} selected={current === option}>
          {labels[option] ?? option}
        </option>
      ))}
    </select>
  </label>
);

/** The search field for an imp_uid or merchant_uid, and whether a record matches it. */
export const IdSearch: FC<{ view: DashboardView }> = ({ view }) => (
  <label>
    imp_uid or merchant_uid contains
    <input type="search" name="q" value={view.q ?? ""} />
  </label>
);
export const matchesIdSearch = (view: DashboardView, imp_uid: string | null, merchant_uid: string) =>
  view.q === undefined || (imp_uid ?? "").includes(view.q) || merchant_uid.includes(view.q);

/** A column heading; `num(label)` for a column of numbers (right-aligned). */
export type Head = string | { label: string; num: true };
export const num = (label: string): Head => ({ label, num: true });

/** A table with one heading row; the rows are the children. */
export const Table: FC<{ id?: string; class?: string; heads: Head[]; children?: Child }> = ({
  heads,
  children,
  ...attributes
}) => (
  <table {...attributes}>
    <thead>
      <tr>{heads.map((head) => (typeof head === "string" ? <th>{head}</th> : <th class="num">{head.label}</th>))}</tr>
    </thead>
    <tbody>{children}</tbody>
  </table>
);

export const Badge: FC<{ value: string | null }> = ({ value }) =>
  value === null ? <span class="muted">—</span> : <span class={`badge ${value}`}>{value}</span>;

export const Empty: FC<{ children?: Child }> = ({ children }) => <p class="empty">{children}</p>;

const QUICK_MOVES = [
  { seconds: 60, label: "+1 min" },
  { seconds: 3600, label: "+1 h" },
  { seconds: 86_400, label: "+1 day" },
];

function tabCounts({ state, deliveries }: PageData): Partial<Record<Tab, string>> {
  const failed = deliveries.filter((d) => d.state === "failed").length;
  const waiting =
    state.pending_refunds.length +
    state.scheduled_pg_notices.length +
    state.payments.filter((p) => p.status === "ready" && p.pay_method === "vbank").length;
  return {
    payments: String(state.payments.length),
    "billing-keys": String(state.billing_keys.length),
    schedules: String(state.schedules.length),
    webhooks: failed ? `${deliveries.length}, ${failed} failed` : String(deliveries.length),
    routing: String(state.channel_groups.length),
    notices: String(waiting),
    failures: String(state.armed_failures.length),
  };
}

export const Page: FC<{
  merchants: Merchant[];
  view: DashboardView;
  data: PageData | null;
  refusal: Refusal | null;
  children?: Child;
}> = ({ merchants, view, data, refusal, children }) => {
  const counts = data ? tabCounts(data) : {};
  const current = data?.state.store_code ?? view.store_code;
  const title = `${TABS[view.tab]}${data ? ` · ${data.state.name}` : ""} · iamport-mock`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {/* Our own constant: JSX would escape its quotes, which CSS does not decode. */}
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <header>
          <h1>iamport-mock</h1>
          <div class="merchants">
            {merchants.map((merchant) => (
              <a
                href={viewHref({ store_code: merchant.store_code, tab: view.tab })}
                aria-current={merchant.store_code === current ? "page" : undefined}
              >
                {merchant.name} <code>{merchant.store_code}</code>
              </a>
            ))}
          </div>
          {data && (
            <div class="clock" id="clock">
              <span>
                <strong data-now={data.clock.now}>{kst(data.clock.now)}</strong> KST{" "}
                <span class="muted small">
                  ({data.clock.now}, {data.clock.mode})
                </span>
              </span>
              {QUICK_MOVES.map((move) => (
                <ActionForm action="advance-clock" view={view}>
                  <input type="hidden" name="seconds" value={String(move.seconds)} />
                  <button type="submit">{move.label}</button>
                </ActionForm>
              ))}
            </div>
          )}
        </header>
        <nav>
          {(Object.keys(TABS) as Tab[]).map((tab) => (
            <a href={viewHref({ store_code: current, tab })} aria-current={tab === view.tab ? "page" : undefined}>
              {TABS[tab]} {counts[tab] !== undefined && <span class="count">({counts[tab]})</span>}
            </a>
          ))}
        </nav>
        <main>
          {view.flash && !refusal && (
            <p class="flash" role="status">
              {FLASHES[view.flash](view.subject ?? "")}
            </p>
          )}
          {refusal && (
            <p class="refusal" role="alert" data-kind={refusal.kind}>
              <span class="kind">Refused ({refusal.kind}):</span>
              {refusal.message}
            </p>
          )}
          {children}
        </main>
      </body>
    </html>
  );
};
