/** Creating payment records and finding them again. */
import type { z } from "zod";
import type { OnetimePaymentRequest } from "../../../contracts/schemas/subscribe.ts";
import { failure } from "../errors.ts";
import type { Deps } from "../deps.ts";
import type { Channel, MerchantState, PaymentRecord, PaymentView } from "../model.ts";

/**
 * Every field of the payment object, unknown ones null (times 0), as the real service sends them.
 * A fresh literal per payment: V8 builds it with a fixed shape, where spreading a 55-key template
 * into a new object costs twenty times more (measured by bench/again.bench.ts).
 */
const emptyView = (): PaymentView => ({
  imp_uid: "",
  merchant_uid: "",
  amount: 0,
  currency: "KRW",
  status: "ready",
  sandbox: true,
  pay_method: null,
  channel: null,
  pg_provider: null,
  emb_pg_provider: null,
  pg_tid: null,
  pg_id: null,
  escrow: false,
  apply_num: null,
  bank_code: null,
  bank_name: null,
  card_code: null,
  card_name: null,
  card_issuer_code: null,
  card_issuer_name: null,
  card_publisher_code: null,
  card_publisher_name: null,
  card_quota: null,
  card_number: null,
  card_type: null,
  vbank_code: null,
  vbank_name: null,
  vbank_num: null,
  vbank_holder: null,
  vbank_date: 0,
  vbank_issued_at: 0,
  name: null,
  cancel_amount: 0,
  buyer_name: null,
  buyer_email: null,
  buyer_tel: null,
  buyer_addr: null,
  buyer_postcode: null,
  custom_data: null,
  user_agent: "sorry_not_supported",
  started_at: 0,
  paid_at: 0,
  failed_at: 0,
  cancelled_at: 0,
  fail_reason: null,
  cancel_reason: null,
  receipt_url: null,
  cancel_history: [],
  deposit_history: [],
  cancel_receipt_urls: [],
  cash_receipt_issued: false,
  customer_uid: null,
  customer_uid_usage: null,
  promotion: null,
});

export function newImpUid({ store, random }: Pick<Deps, "store" | "random">): string {
  let imp_uid: string;
  do imp_uid = `imp_${random.digits(12)}`;
  while (store.impUids.has(imp_uid));
  store.impUids.add(imp_uid);
  return imp_uid;
}

export interface NewPayment {
  merchant_uid: string;
  amount: number;
  currency: string;
  pay_method: string;
  channel: Channel;
  /** `api` for server-to-server payments, `pc`/`mobile` for checkout. */
  origin: "api" | "pc" | "mobile";
  taxFree: number;
  vat: number;
  /** The buyer and the order, as the request describes them. */
  order: OrderDetails;
}

/**
 * A `ready` payment with the order's fields, recorded under its imp_uid and merchant_uid; the
 * caller fills in the outcome on the returned view. (Plain stores on a view of one fixed shape:
 * payments are made on every again/onetime request, and merging objects cost five times more.)
 */
export function createPayment(deps: Deps, merchant: MerchantState, payment: NewPayment): PaymentRecord {
  const view = emptyView();
  view.imp_uid = newImpUid(deps);
  view.merchant_uid = payment.merchant_uid;
  view.amount = payment.amount;
  view.currency = payment.currency;
  view.sandbox = payment.channel.mode === "test";
  view.pay_method = payment.pay_method;
  view.channel = payment.origin;
  view.pg_provider = payment.channel.pg_provider;
  view.pg_id = payment.channel.pg_id;
  view.started_at = deps.now;
  const { order } = payment;
  view.name = order.name ?? null;
  view.buyer_name = order.buyer_name ?? null;
  view.buyer_email = order.buyer_email ?? null;
  view.buyer_tel = order.buyer_tel ?? null;
  view.buyer_addr = order.buyer_addr ?? null;
  view.buyer_postcode = order.buyer_postcode ?? null;
  view.custom_data = order.custom_data ?? null;
  const record: PaymentRecord = {
    view,
    channelKey: payment.channel.channel_key,
    sequence: deps.store.nextSequence(),
    updatedAt: deps.now,
    taxFree: payment.taxFree,
    vat: payment.vat,
    refunds: [],
    pendingRefunds: [],
    productCount: payment.channel.behaviours.productCountDefault,
    noticeUrl: order.notice_url ?? null,
  };
  merchant.payments.set(view.imp_uid, record);
  const sameOrder = merchant.paymentsByMerchantUid.get(view.merchant_uid);
  if (sameOrder) sameOrder.push(record);
  else merchant.paymentsByMerchantUid.set(view.merchant_uid, [record]);
  return record;
}

/** The order and buyer fields every payment request shares, as the contracts define them. */
export type OrderDetails = Partial<
  Pick<
    z.output<typeof OnetimePaymentRequest>,
    "name" | "buyer_name" | "buyer_email" | "buyer_tel" | "buyer_addr" | "buyer_postcode" | "custom_data" | "notice_url"
  >
>;

/** VAT when the request leaves it out: a tenth of the taxable supply, i.e. 1/11 of the taxable amount. */
export const defaultVat = (amount: number, taxFree: number) => Math.round((amount - taxFree) / 11);

/** The payment that took the order: any attempt that did not fail. */
export const orderTakenBy = (merchant: MerchantState, merchant_uid: string): PaymentRecord | undefined =>
  merchant.paymentsByMerchantUid.get(merchant_uid)?.find((p) => p.view.status !== "failed");

export function requireUnpaidOrder(merchant: MerchantState, merchant_uid: string): void {
  const earlier = orderTakenBy(merchant, merchant_uid);
  if (earlier)
    throw failure(
      "rejected",
      `merchant_uid ${JSON.stringify(merchant_uid)} was already used by ${earlier.view.imp_uid} (status ${earlier.view.status}); a paid order cannot be paid again`,
      "orderAlreadyPaid",
    );
}

/** Looser than requireUnpaidOrder, for virtual accounts: only a payment that was paid takes the order. */
export function requireOrderNotPaid(merchant: MerchantState, merchant_uid: string): void {
  const paid = merchant.paymentsByMerchantUid.get(merchant_uid)?.find((p) => (p.view.paid_at ?? 0) > 0);
  if (paid)
    throw failure(
      "rejected",
      `merchant_uid ${JSON.stringify(merchant_uid)} was already paid by ${paid.view.imp_uid} (status ${paid.view.status}); a paid order cannot be paid again`,
    );
}

/** A fake but clearly fake receipt address: `.invalid` never resolves. */
export const receiptUrl = (pgProvider: string, pgTid: string) => `https://receipt.mock.invalid/${pgProvider}/${pgTid}`;

/** Tax-free and VAT parts already refunded or promised to a refund the PG has yet to transfer. */
const committed = (record: PaymentRecord) => [...record.refunds, ...record.pendingRefunds];
export const refundedTaxFree = (record: PaymentRecord) => committed(record).reduce((sum, r) => sum + r.taxFree, 0);
export const refundedVat = (record: PaymentRecord) => committed(record).reduce((sum, r) => sum + r.vat, 0);
/** The tax-free part not yet refunded; never below 0, though Smartro v2 may take more tax_free on trust than the payment had. */
export const taxFreeLeft = (record: PaymentRecord) => Math.max(0, record.taxFree - refundedTaxFree(record));
export const pendingRefundAmount = (record: PaymentRecord) =>
  record.pendingRefunds.reduce((sum, r) => sum + r.amount, 0);

/** Gives a payment the imp_uid a seeded payment names (the one it has on a live merchant) instead of the one made up. */
export function adoptImpUid(
  deps: Pick<Deps, "store">,
  merchant: MerchantState,
  record: PaymentRecord,
  imp_uid: string,
): void {
  merchant.payments.delete(record.view.imp_uid);
  deps.store.impUids.delete(record.view.imp_uid);
  record.view.imp_uid = imp_uid;
  deps.store.impUids.add(imp_uid);
  merchant.payments.set(imp_uid, record);
}
