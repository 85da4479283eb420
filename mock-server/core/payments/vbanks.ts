/**
 * Virtual accounts issued through the API (POST/PUT/DELETE /vbanks): an account waits in `ready`
 * for the buyer's deposit until its deadline; the deposit itself is simulated from the control API.
 */
import type { z } from "zod";
import { DATE_FORMATS } from "../../../contracts/pg-rules/types.ts";
import { bankByCode } from "../../../contracts/reference-codes.ts";
import type { PgNoticeRequest } from "../../../contracts/mock/webhooks.ts";
import type { CreateVbankRequest, ModifyVbankRequest } from "../../../contracts/schemas/vbanks.ts";
import { matchDateFormat } from "../../pg/check-rules.ts";
import { pgTransactionId } from "../../pg/simulate-card.ts";
import { requirePayMethod } from "../channels.ts";
import { failure } from "../errors.ts";
import type { Channel, MerchantState, PaymentRecord } from "../model.ts";
import { checkAmounts, productCount } from "./charge.ts";
import { createPayment, defaultVat, receiptUrl, requireOrderNotPaid } from "./record.ts";
import type { Deps } from "../deps.ts";
import { scheduleNotice } from "../notice-schedule.ts";
import { owePaymentWebhook } from "../webhook-queue.ts";

export type VbankRequest = z.output<typeof CreateVbankRequest>;
export type VbankChange = z.output<typeof ModifyVbankRequest>;

/** Korean time, in which every deadline written as a date is meant. */
const KST_OFFSET_SECONDS = 9 * 3600;
const DAY_SECONDS = 24 * 3600;

/**
 * The deadline as unix seconds. A date alone means the end of that day (23:59:59 KST); a PG that
 * closes its accounts at a fixed time of day (Smartro v2: 23:59:59) moves a time of day there too.
 */
export function normaliseVbankDue(due: number | string, timeOfDay: string | null): number {
  const format = matchDateFormat(due, DATE_FORMATS);
  if (!format)
    throw failure(
      "invalidRequest",
      `vbank_due ${JSON.stringify(due)} is neither unix seconds nor a date (${DATE_FORMATS.filter((f) => f !== "unix").join(", ")})`,
    );
  let seconds: number;
  if (format === "unix") {
    seconds = due as number;
  } else {
    const digits = String(due).replace(/\D/g, "");
    const part = (from: number, to: number) => Number(digits.slice(from, to) || 0);
    seconds =
      Date.UTC(part(0, 4), part(4, 6) - 1, part(6, 8), part(8, 10), part(10, 12), part(12, 14)) / 1000 -
      KST_OFFSET_SECONDS;
    if (digits.length === 8) return atTimeOfDay(seconds, timeOfDay ?? "23:59:59");
  }
  return timeOfDay === null ? seconds : atTimeOfDay(seconds, timeOfDay);
}

/** `HH:mm:ss` KST of the day `seconds` falls on. */
function atTimeOfDay(seconds: number, timeOfDay: string): number {
  const [hours, minutes, secs] = timeOfDay.split(":").map(Number) as [number, number, number];
  const dayStart = Math.floor((seconds + KST_OFFSET_SECONDS) / DAY_SECONDS) * DAY_SECONDS - KST_OFFSET_SECONDS;
  return dayStart + hours * 3600 + minutes * 60 + secs;
}

/** The deadline the channel's PG sets for `due`, which must lie ahead. */
export function vbankDeadline(channel: Channel, due: number | string, now: number): number {
  const seconds = normaliseVbankDue(due, channel.behaviours.vbankDueTimeOfDay);
  if (seconds <= now)
    throw failure("rejected", `vbank_due ${JSON.stringify(due)} (${seconds}) has already passed (now ${now})`);
  return seconds;
}

function bankFor(vbank_code: string) {
  const bank = bankByCode.get(vbank_code);
  if (!bank)
    throw failure(
      "invalidRequest",
      `vbank_code ${JSON.stringify(vbank_code)} is not a standard bank code (GET /banks lists them)`,
    );
  return bank;
}

/** PGs that ignore vbank_holder and name the merchant as the holder (the official document). */
const MERCHANT_IS_HOLDER = new Set(["tosspayments", "ksnet", "welcome"]);

export function issueVbank(
  deps: Deps,
  merchant: MerchantState,
  channel: Channel,
  request: VbankRequest,
): PaymentRecord {
  requirePayMethod(channel, "vbank");
  checkAmounts(merchant, request);
  // Several accounts may wait for one merchant_uid at once (the official document says so: that is
  // why PUT and DELETE take imp_uid only), so only a paid order stops a new one.
  requireOrderNotPaid(merchant, request.merchant_uid);
  const bank = bankFor(request.vbank_code);
  if (channel.mode === "test" && channel.behaviours.testMode.vbankUnavailableBankCodes.includes(bank.code)) {
    throw failure(
      "rejected",
      `${channel.pg_provider} cannot issue a ${bank.name} (${bank.code}) virtual account in test mode; choose another bank`,
    );
  }
  const due = vbankDeadline(channel, request.vbank_due, deps.now);
  const items = productCount(channel, request.product_count);
  const taxFree = request.tax_free ?? 0;
  const record = createPayment(deps, merchant, {
    merchant_uid: request.merchant_uid,
    amount: request.amount,
    currency: "KRW",
    pay_method: "vbank",
    channel,
    origin: "api",
    taxFree,
    vat: request.vat_amount ?? defaultVat(request.amount, taxFree),
    order: request,
  });
  record.productCount = items;
  const view = record.view;
  view.pg_tid = pgTransactionId(deps.random, channel.pg_provider);
  view.vbank_code = bank.code;
  view.vbank_name = bank.name;
  view.vbank_num = request.vbank_num ?? deps.random.digits(14);
  view.vbank_holder = MERCHANT_IS_HOLDER.has(channel.pg_provider)
    ? merchant.config.name
    : (request.vbank_holder ?? merchant.config.name);
  view.vbank_date = due;
  view.vbank_issued_at = deps.now;
  owePaymentWebhook(deps, merchant, record, "vbank_issued");
  scheduleNotice(deps, merchant, channel, { kind: "deposit", imp_uid: view.imp_uid, cancellation_id: null });
  return record;
}

/**
 * Only an account waiting for its deposit can be changed, revoked or paid into. The official
 * document lists the first two as HTTP 400 ("가상계좌 결제 건이 아닌 경우", "입금대기 상태(ready)가
 * 아닌 경우"); a PG's deposit notice for such an account is refused as a business refusal.
 */
function requireWaiting(record: PaymentRecord, action: string, kind: "invalidRequest" | "rejected"): void {
  const view = record.view;
  if (view.pay_method !== "vbank")
    throw failure(
      kind,
      `${view.imp_uid} is a ${view.pay_method ?? "unknown"} payment, not a virtual account; it cannot be ${action}`,
    );
  if (view.status !== "ready")
    throw failure(
      kind,
      `the virtual account ${view.imp_uid} is ${view.status}; only an account waiting for its deposit (ready) can be ${action}`,
    );
}

export function modifyVbank(deps: Deps, record: PaymentRecord, change: VbankChange, channel: Channel): PaymentRecord {
  if (change.amount === undefined && change.vbank_due === undefined)
    throw failure("invalidRequest", "send amount, vbank_due or both: there is nothing to change");
  requireWaiting(record, "changed", "invalidRequest");
  if (change.amount !== undefined && change.amount <= 0)
    throw failure("invalidRequest", `amount must be greater than 0 (got ${change.amount})`);
  if (change.amount !== undefined && change.amount < record.taxFree)
    throw failure("invalidRequest", `amount ${change.amount} is below the account's tax-free amount ${record.taxFree}`);
  const due = change.vbank_due === undefined ? undefined : vbankDeadline(channel, change.vbank_due, deps.now);
  const view = record.view;
  if (change.amount !== undefined) {
    view.amount = change.amount;
    record.vat = defaultVat(change.amount, record.taxFree);
  }
  if (due !== undefined) view.vbank_date = due;
  record.updatedAt = deps.now;
  return record;
}

export function revokeVbank(deps: Deps, record: PaymentRecord): PaymentRecord {
  requireWaiting(record, "revoked", "invalidRequest");
  const view = record.view;
  view.status = "cancelled";
  view.cancelled_at = deps.now;
  view.cancel_reason = "virtual account revoked";
  record.updatedAt = deps.now;
  return record;
}

/** The PG's deposit notice: the whole amount unless given (a different amount is refused; no partial deposits). */
export type Deposit = Pick<z.output<typeof PgNoticeRequest>, "amount" | "depositor_name">;

/** The buyer pays into the account: the full amount, before the deadline, makes the payment `paid`. */
export function depositVbank(
  deps: Deps,
  merchant: MerchantState,
  record: PaymentRecord,
  deposit: Deposit,
): PaymentRecord {
  requireWaiting(record, "paid into", "rejected");
  const view = record.view;
  // Of several accounts waiting for one order, the first deposit takes it (one paid payment per order).
  requireOrderNotPaid(merchant, view.merchant_uid);
  if (deps.now > (view.vbank_date ?? 0))
    throw failure(
      "rejected",
      `the virtual account ${view.imp_uid} closed at ${view.vbank_date} (now ${deps.now}); a deposit after the deadline is refused`,
    );
  const amount = deposit.amount ?? view.amount;
  if (amount !== view.amount)
    throw failure(
      "rejected",
      `the deposit of ${amount} does not match the account's amount ${view.amount}; the bank refuses any other amount`,
    );
  view.status = "paid";
  view.paid_at = deps.now;
  view.receipt_url = receiptUrl(view.pg_provider ?? "pg", view.pg_tid ?? view.imp_uid);
  view.deposit_history = [
    {
      pg_tid: view.pg_tid ?? "",
      amount,
      depositor_name: deposit.depositor_name ?? view.buyer_name ?? "입금자",
      deposited_at: deps.now,
    },
  ];
  record.updatedAt = deps.now;
  owePaymentWebhook(deps, merchant, record, "vbank_deposit");
  return record;
}
