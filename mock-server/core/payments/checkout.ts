/**
 * Payments the browser checkout (IMP.request_pay) completes: the mock's checkout window and the
 * control API's stand-in (which also seeds payments). A card approved in the billing-key window
 * (customer_uid) also stores the card as that billing key.
 */
import { bankByCode } from "../../../contracts/reference-codes.ts";
import { registerBrowserBillingKey } from "../billing-keys.ts";
import { requirePayMethod } from "../channels.ts";
import { failure } from "../errors.ts";
import { answerCard, pgTransactionId } from "../../pg/simulate-card.ts";
import type { Channel, MerchantState, PaymentRecord, PaymentView } from "../model.ts";
import { checkChargeable } from "./charge.ts";
import { scheduleNotice } from "../notice-schedule.ts";
import { owePaidWebhook, owePaymentWebhook } from "../webhook-queue.ts";
import { vbankDeadline } from "./vbanks.ts";
import { createPayment, defaultVat, receiptUrl, type OrderDetails } from "./record.ts";
import type { Deps } from "../deps.ts";

export interface CheckoutInput extends OrderDetails {
  channel: Channel;
  merchant_uid: string;
  amount: number;
  pay_method: string;
  tax_free?: number | undefined;
  /** The VAT the buyer's page names (`vat_amount`); 1/11 of the taxable part otherwise. */
  vat_amount?: number | undefined;
  currency: string;
  card_number: string;
  customer_uid?: string | undefined;
  /** The buyer's id at the merchant, kept on a billing key the window issues. */
  customer_id?: string | undefined;
  escrow?: boolean | undefined;
  vbank_due?: number | string | undefined;
  /** The checkout window's kind (the payment's `channel`): `pc` (overlay) or `mobile` (redirect). */
  origin?: "pc" | "mobile" | undefined;
  user_agent?: string | undefined;
  /**
   * A virtual account the buyer was just given (the checkout window): `ready` until the PG's deposit
   * notice. Left out, the account is recorded as already paid into (the control API's stand-in).
   */
  vbankAwaitsDeposit?: boolean | undefined;
}

const WEEK_SECONDS = 7 * 24 * 3600;

/** The bank that simulated transfers and virtual accounts go through. */
const BANK = bankByCode.get("088")!;

function methodFields(deps: Deps, input: CheckoutInput): Partial<PaymentView> {
  switch (input.pay_method) {
    case "card": {
      const answer = answerCard(input.card_number, undefined, deps.now);
      if (answer.kind === "pgError") throw failure("pgError", answer.reason);
      if (answer.kind === "notACard") return { status: "failed", failed_at: deps.now, fail_reason: answer.reason };
      if (answer.kind === "decline")
        return { status: "failed", failed_at: deps.now, fail_reason: answer.reason, ...(answer.card ?? {}) };
      return { ...answer.card, card_quota: 0, apply_num: deps.random.digits(8) };
    }
    case "trans":
      return { bank_code: BANK.code, bank_name: BANK.name };
    case "vbank":
      return {
        vbank_code: BANK.code,
        vbank_name: BANK.name,
        vbank_num: deps.random.digits(14),
        vbank_holder: "(주)데모상점",
        vbank_date:
          input.vbank_due === undefined
            ? deps.now + WEEK_SECONDS
            : vbankDeadline(input.channel, input.vbank_due, deps.now),
        vbank_issued_at: deps.now,
      };
    default:
      return {};
  }
}

export function completeCheckout(deps: Deps, merchant: MerchantState, input: CheckoutInput): PaymentRecord {
  requirePayMethod(input.channel, input.pay_method);
  checkChargeable(merchant, input);
  const pg_tid = pgTransactionId(deps.random, input.channel.pg_provider);
  const fields = methodFields(deps, input);
  const awaitsDeposit = input.pay_method === "vbank" && input.vbankAwaitsDeposit === true;
  const paid = fields.status !== "failed" && !awaitsDeposit;
  const taxFree = input.tax_free ?? 0;
  const record = createPayment(deps, merchant, {
    merchant_uid: input.merchant_uid,
    amount: input.amount,
    currency: input.currency,
    pay_method: input.pay_method,
    channel: input.channel,
    origin: input.origin ?? "pc",
    taxFree,
    vat: input.vat_amount ?? defaultVat(input.amount, taxFree),
    order: input,
  });
  Object.assign(record.view, {
    status: awaitsDeposit ? "ready" : "paid",
    pg_tid,
    customer_uid: input.customer_uid ?? null,
    customer_uid_usage: input.customer_uid === undefined ? null : "issue",
    user_agent: input.user_agent ?? "Mozilla/5.0 (mock checkout)",
    escrow: input.escrow ?? false,
    ...(paid ? { paid_at: deps.now, receipt_url: receiptUrl(input.channel.pg_provider, pg_tid) } : {}),
    ...fields,
  } satisfies Partial<PaymentView>);
  if (input.pay_method === "vbank" && paid) {
    record.view.deposit_history = [
      { pg_tid, amount: input.amount, depositor_name: input.buyer_name ?? "입금자", deposited_at: deps.now },
    ];
  }
  if (awaitsDeposit) {
    owePaymentWebhook(deps, merchant, record, "vbank_issued");
    scheduleNotice(deps, merchant, input.channel, {
      kind: "deposit",
      imp_uid: record.view.imp_uid,
      cancellation_id: null,
    });
  }
  if (paid && input.pay_method === "card" && input.customer_uid !== undefined)
    registerBrowserBillingKey(deps, merchant, {
      customer_uid: input.customer_uid,
      customer_id: input.customer_id,
      customer_name: input.buyer_name,
      customer_email: input.buyer_email,
      customer_tel: input.buyer_tel,
      channel: input.channel,
      card_number: input.card_number,
    });
  owePaidWebhook(deps, merchant, record, "checkout");
  return record;
}
