/**
 * Scheduled payments: PortOne makes a billing-key payment for the merchant when the virtual clock
 * passes `schedule_at`. Each schedule runs at most once unless the merchant reschedules or
 * retries it; due schedules run in schedule_at order (ties in the order they were made).
 */
import type { z } from "zod";
import type { RealMessageKey } from "../../contracts/messages.ts";
import type { ScheduleRequest, UnscheduleRequest } from "../../contracts/schemas/schedules.ts";
import { takeArmedFailureForRun } from "./armed-failure-policy.ts";
import type { ArmedFailures } from "./armed-failures.ts";
import { channelForKey, reachableChannels } from "./routing/choose-channel.ts";
import { issueBillingKey } from "./billing-keys.ts";
import { resolveChannel } from "./channels.ts";
import { failure, MockError } from "./errors.ts";
import { checkAmounts, chargeCard, productCount } from "./payments/charge.ts";
import { paginate } from "./payments/lookups.ts";
import { requireUnpaidOrder } from "./payments/record.ts";
import type { Deps } from "./deps.ts";
import type {
  BillingKeyRecord,
  Channel,
  MerchantState,
  PaymentRecord,
  ScheduleEntry,
  ScheduleRecord,
  ScheduleView,
} from "./model.ts";
import { owePaymentWebhook, oweWebhook } from "./webhook-queue.ts";

export type NewSchedules = z.output<typeof ScheduleRequest>;
export type Unschedule = z.output<typeof UnscheduleRequest>;

/** Listing windows span at most three months (the official document); the longest three months have 92 days. */
const MAX_WINDOW_SECONDS = 92 * 24 * 3600;
/** The per-customer listings page by 20, like the other customer listings. */
const CUSTOMER_PAGE_SIZE = 20;

/**
 * The channels a schedule request is served by, whose PG rules apply: the key's; for a super
 * billing key every channel a run could be routed to (or the one channel_key forces); for a new
 * key channel_key's or the default one.
 */
export function schedulingChannels(
  merchant: MerchantState,
  body: Pick<NewSchedules, "customer_uid" | "channel_key" | "card_number">,
): Channel[] {
  const key = merchant.billingKeys.get(body.customer_uid);
  if (!key) return [resolveChannel(merchant, { channel_key: body.channel_key })];
  if (key.groupId !== null && body.card_number !== undefined) {
    throw failure(
      "rejected",
      `customer_uid ${body.customer_uid} is a super billing key of group ${key.groupId}; replace it through POST /subscribe/customers/{customer_uid} with channel_group_id, not with card data in a schedule`,
    );
  }
  return reachableChannels(merchant, key, body.channel_key);
}

function requireFuture(schedule_at: number, now: number, field = "schedule_at"): void {
  if (schedule_at <= now) throw failure("invalidRequest", `${field} ${schedule_at} is not in the future (now ${now})`);
}

/** Every entry is checked before anything is stored or a key issued: a refused request changes nothing. */
function checkEntries(merchant: MerchantState, channels: Channel[], entries: ScheduleEntry[], now: number): void {
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (seen.has(entry.merchant_uid))
      throw failure(
        "invalidRequest",
        `schedules[${i}].merchant_uid ${entry.merchant_uid} appears twice; each schedule needs its own merchant_uid`,
      );
    seen.add(entry.merchant_uid);
    requireFuture(entry.schedule_at, now, `schedules[${i}].schedule_at`);
    checkAmounts(merchant, entry);
    for (const channel of channels) productCount(channel, entry.product_count, `schedules[${i}].product_count`);
    const earlier = merchant.schedules.get(entry.merchant_uid);
    if (earlier)
      throw failure(
        "rejected",
        `merchant_uid ${entry.merchant_uid} is already scheduled (schedule_status ${earlier.view.schedule_status}); each schedule needs its own merchant_uid`,
      );
    requireUnpaidOrder(merchant, entry.merchant_uid);
  });
}

/** `channels` as schedulingChannels gives them; the first serves a new key and the product_count default. */
/** A card refused while scheduling is code 1 with its own text on the live API, not a key issue's -1. */
function keyForSchedule(issue: () => BillingKeyRecord): BillingKeyRecord {
  try {
    return issue();
  } catch (error) {
    if (error instanceof MockError && error.failure.kind === "cardRefused")
      throw failure("rejected", error.failure.explanation, "scheduleCardFailed");
    throw error;
  }
}

export function createSchedules(
  deps: Deps,
  merchant: MerchantState,
  channels: Channel[],
  request: NewSchedules,
): ScheduleRecord[] {
  const channel = channels[0]!;
  checkEntries(merchant, channels, request.schedules, deps.now);
  let key = merchant.billingKeys.get(request.customer_uid);
  const card_number = request.card_number;
  if (card_number !== undefined) {
    // Card data issues (or replaces) the key first, where the PG allows it (Smartro v2's rules forbid it).
    key = keyForSchedule(() => issueBillingKey(deps, merchant, { ...request, card_number, channel }));
  } else if (!key) {
    throw failure(
      "rejected",
      `no billing key with customer_uid ${request.customer_uid} for this merchant; send card_number and expiry to issue one with the schedule`,
      { key: "scheduleCustomerUnknown", params: { customer_uid: request.customer_uid } },
    );
  }
  return request.schedules.map((entry) => {
    // A super billing key's channel is picked when the schedule runs, unless channel_key forces one;
    // an ordinary key's run goes to whatever channel the key is on by then.
    const routed = key.groupId !== null;
    const shown = routed && request.channel_key === undefined ? null : channel;
    const record: ScheduleRecord = {
      view: scheduledView(key, request, entry, shown),
      sequence: deps.store.nextSequence(),
      entry,
      channelKey: routed ? request.channel_key : undefined,
    };
    merchant.schedules.set(entry.merchant_uid, record);
    return record;
  });
}

/** buyer_* fall back to the key's customer_* fields (the official document). */
function scheduledView(
  key: BillingKeyRecord,
  request: NewSchedules,
  entry: ScheduleEntry,
  channel: Channel | null,
): ScheduleView {
  const customer = key.view;
  return {
    customer_uid: request.customer_uid,
    merchant_uid: entry.merchant_uid,
    imp_uid: null,
    pg_provider: channel?.pg_provider ?? null,
    pg_id: channel?.pg_id ?? null,
    customer_id: request.customer_id ?? customer.customer_id ?? null,
    schedule_at: entry.schedule_at,
    executed_at: 0,
    revoked_at: 0,
    amount: entry.amount,
    currency: entry.currency ?? "KRW",
    name: entry.name,
    buyer_name: entry.buyer_name ?? customer.customer_name ?? null,
    buyer_email: entry.buyer_email ?? customer.customer_email ?? null,
    buyer_tel: entry.buyer_tel ?? customer.customer_tel ?? null,
    buyer_addr: entry.buyer_addr ?? customer.customer_addr ?? null,
    buyer_postcode: entry.buyer_postcode ?? customer.customer_postcode ?? null,
    custom_data: entry.custom_data ?? null,
    schedule_status: "scheduled",
    payment_status: null,
    fail_reason: null,
    promotion_id: entry.promotion_id ?? null,
  };
}

/** What one run of a schedule came to: a payment (paid or declined), or the reason none was made. */
type RunOutcome = { payment: PaymentRecord } | { refusal: MockError };

/**
 * The billing-key payment PortOne makes for the merchant, leaving the schedule itself alone. A
 * decline is a failed payment; a key deleted since, an order paid elsewhere or a PG communication
 * failure makes none. Failures armed on the key's channel or on `again` apply, as PortOne calls
 * the PG the way `again` does.
 */
function attempt(deps: Deps, merchant: MerchantState, record: ScheduleRecord, failures: ArmedFailures): RunOutcome {
  const view = record.view;
  const key = merchant.billingKeys.get(view.customer_uid);
  try {
    if (!key) throw failure("rejected", `the billing key ${view.customer_uid} was deleted before the schedule ran`);
    const { channel, countPick } = channelForKey(deps.random, merchant, key, record.channelKey);
    const armed = takeArmedFailureForRun(failures, merchant, channel);
    const payment = chargeCard(deps, merchant, {
      channel,
      request: { ...record.entry, ...buyerOf(view) },
      cardNumber: key.cardNumber,
      expiry: undefined,
      customer_uid: view.customer_uid,
      customer_uid_usage: "payment",
      armed,
      productCount: record.entry.product_count,
    });
    countPick();
    return { payment };
  } catch (error) {
    if (error instanceof MockError) return { refusal: error };
    throw error;
  }
}

/** The run shows on the schedule, and the merchant is owed a webhook. */
function recordRun(deps: Deps, merchant: MerchantState, record: ScheduleRecord, outcome: RunOutcome): void {
  const view = record.view;
  const payment = "payment" in outcome ? outcome.payment.view : undefined;
  Object.assign(view, {
    schedule_status: "executed",
    executed_at: deps.now,
    revoked_at: 0,
    imp_uid: payment?.imp_uid ?? null,
    // The channel a super billing key was routed to shows from the run on.
    ...(payment && { pg_provider: payment.pg_provider, pg_id: payment.pg_id }),
    payment_status: payment?.status === "paid" ? "paid" : "failed",
    fail_reason: payment ? (payment.fail_reason ?? null) : (outcome as { refusal: MockError }).refusal.message,
  } satisfies Partial<ScheduleView>);
  // A declined run is a failed payment that still gets its webhook: the merchant did not ask for it.
  if ("payment" in outcome) owePaymentWebhook(deps, merchant, outcome.payment, "schedule");
  else
    oweWebhook(deps, merchant, {
      imp_uid: null,
      merchant_uid: view.merchant_uid,
      status: "failed",
      cancellation_id: null,
      notice_url: record.entry.notice_url ?? null,
      cause: "schedule",
    });
}

const buyerOf = (view: ScheduleView) => ({
  buyer_name: view.buyer_name ?? undefined,
  buyer_email: view.buyer_email ?? undefined,
  buyer_tel: view.buyer_tel ?? undefined,
  buyer_addr: view.buyer_addr ?? undefined,
  buyer_postcode: view.buyer_postcode ?? undefined,
  custom_data: view.custom_data ?? undefined,
});

/** Runs every schedule whose time has come, each at its own schedule_at, in order. */
export function runDueSchedules(deps: Deps, merchant: MerchantState, failures: ArmedFailures): void {
  // Runs before every request: one pass over the schedules, and no arrays unless one is due.
  let due: ScheduleRecord[] | undefined;
  for (const s of merchant.schedules.values())
    if (s.view.schedule_status === "scheduled" && s.view.schedule_at <= deps.now) (due ??= []).push(s);
  if (!due) return;
  due.sort((a, b) => a.view.schedule_at - b.view.schedule_at || a.sequence - b.sequence);
  for (const record of due) {
    const at = { ...deps, now: record.view.schedule_at };
    recordRun(at, merchant, record, attempt(at, merchant, record, failures));
  }
}

export function scheduleOf(merchant: MerchantState, merchant_uid: string, says?: RealMessageKey): ScheduleRecord {
  const record = merchant.schedules.get(merchant_uid);
  if (!record)
    throw failure("notFound", `no scheduled payment with merchant_uid ${merchant_uid} for this merchant`, says);
  return record;
}

export function unschedule(deps: Deps, merchant: MerchantState, request: Unschedule): ScheduleRecord[] {
  const { customer_uid, merchant_uid: named } = request;
  if (customer_uid === undefined && (named === undefined || named.length === 0))
    throw failure("invalidRequest", "customer_uid or merchant_uid[] is required to name the schedules to revoke");
  let chosen: ScheduleRecord[];
  if (named && named.length) {
    chosen = [...new Set(named)].map((uid) => scheduleOf(merchant, uid, "nothingToUnschedule"));
    const foreign = chosen.filter((s) => customer_uid !== undefined && s.view.customer_uid !== customer_uid);
    if (foreign.length)
      throw failure(
        "rejected",
        `merchant_uid ${foreign.map((s) => s.view.merchant_uid).join(", ")} is not scheduled for customer_uid ${customer_uid}`,
      );
    const done = chosen.filter((s) => s.view.schedule_status !== "scheduled");
    if (done.length)
      throw failure(
        "rejected",
        `only schedules that have not run can be revoked; ${done.map((s) => `${s.view.merchant_uid} is ${s.view.schedule_status}`).join(", ")}`,
      );
  } else {
    chosen = [...merchant.schedules.values()].filter(
      (s) => s.view.customer_uid === customer_uid && s.view.schedule_status === "scheduled",
    );
    if (chosen.length === 0)
      throw failure("rejected", `customer_uid ${customer_uid} has no schedule waiting to run`, "nothingToUnschedule");
  }
  for (const record of chosen) {
    record.view.schedule_status = "revoked";
    record.view.revoked_at = deps.now;
  }
  return chosen;
}

/** PUT: moves a schedule that has not run yet. */
export function moveSchedule(deps: Deps, record: ScheduleRecord, schedule_at: number): ScheduleRecord {
  if (record.view.schedule_status !== "scheduled")
    throw failure(
      "invalidRequest",
      `${record.view.merchant_uid} is ${record.view.schedule_status}; only a schedule that has not run can be moved (reschedule a failed or revoked one)`,
    );
  requireFuture(schedule_at, deps.now);
  record.view.schedule_at = schedule_at;
  return record;
}

/** A schedule whose payment failed, or one revoked: the two that reschedule and retry take. */
function requireRetriable(record: ScheduleRecord, action: string): void {
  const { schedule_status, payment_status, merchant_uid } = record.view;
  const failed = schedule_status === "executed" && payment_status === "failed";
  if (!failed && schedule_status !== "revoked") {
    throw failure(
      "invalidRequest",
      `${merchant_uid} is ${schedule_status}${payment_status ? ` (${payment_status})` : ""}; only a schedule whose payment failed, or a revoked one, can be ${action}`,
    );
  }
}

function rewind(record: ScheduleRecord, schedule_at: number): void {
  Object.assign(record.view, {
    schedule_at,
    schedule_status: "scheduled",
    executed_at: 0,
    revoked_at: 0,
    imp_uid: null,
    payment_status: null,
    fail_reason: null,
  });
}

export function reschedule(deps: Deps, record: ScheduleRecord, schedule_at: number): ScheduleRecord {
  requireRetriable(record, "rescheduled");
  requireFuture(schedule_at, deps.now);
  rewind(record, schedule_at);
  return record;
}

/**
 * Runs a failed or revoked schedule now; the answer is the payment, as the official document says.
 * A retry that makes no payment is refused and leaves the schedule as it was.
 */
export function retrySchedule(
  deps: Deps,
  merchant: MerchantState,
  record: ScheduleRecord,
  failures: ArmedFailures,
): PaymentRecord {
  requireRetriable(record, "retried");
  if (!merchant.billingKeys.has(record.view.customer_uid))
    throw failure(
      "notFound",
      `no billing key with customer_uid ${record.view.customer_uid} for this merchant; the schedule cannot be retried`,
    );
  const outcome = attempt(deps, merchant, record, failures);
  if ("refusal" in outcome) throw outcome.refusal;
  recordRun(deps, merchant, record, outcome);
  return outcome.payment;
}

export interface ScheduleWindow {
  from: number;
  to: number;
  status?: ScheduleView["schedule_status"] | undefined;
}

/** Schedules in [from, to) by schedule_at; at most three months; newest first unless `oldestFirst`. */
export function schedulesIn(
  merchant: MerchantState,
  window: ScheduleWindow,
  filter: (s: ScheduleRecord) => boolean,
  oldestFirst = false,
): ScheduleRecord[] {
  if (window.to <= window.from)
    throw failure("invalidRequest", `the window's end ${window.to} must come after its start ${window.from}`);
  if (window.to - window.from > MAX_WINDOW_SECONDS)
    throw failure(
      "invalidRequest",
      `the window from ${window.from} to ${window.to} is longer than three months (${MAX_WINDOW_SECONDS} seconds); ask for three months at most`,
    );
  const found = [...merchant.schedules.values()].filter(
    (s) =>
      s.view.schedule_at >= window.from &&
      s.view.schedule_at < window.to &&
      (window.status === undefined || s.view.schedule_status === window.status) &&
      filter(s),
  );
  const order = oldestFirst ? 1 : -1;
  return found.sort((a, b) => order * (a.view.schedule_at - b.view.schedule_at || a.sequence - b.sequence));
}

export function customerSchedules(
  merchant: MerchantState,
  customer_uid: string,
  window: ScheduleWindow,
  page = 1,
): ScheduleRecord[] {
  const mine = (s: ScheduleRecord) => s.view.customer_uid === customer_uid;
  if (!merchant.billingKeys.has(customer_uid) && ![...merchant.schedules.values()].some(mine)) {
    throw failure("notFound", `no billing key or schedule with customer_uid ${customer_uid} for this merchant`);
  }
  return paginate(schedulesIn(merchant, window, mine), page, CUSTOMER_PAGE_SIZE, "schedules").list;
}
