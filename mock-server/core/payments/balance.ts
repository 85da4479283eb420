/**
 * GET /payments/{imp_uid}/balance: the amount split into tax-free, supply, VAT and service, now
 * and after each event. The real service fills it for PAYCO only; the mock computes it for every
 * payment from the amounts it tracks (docs/decisions/004).
 */
import type { PaymentRecord } from "../model.ts";

const ZERO = { tax_free: 0, supply: 0, vat: 0, service: 0 };
/** Tax-free and VAT never below 0, even where Smartro v2 took more tax_free on trust than the payment had. */
const split = (amount: number, taxFree: number, vat: number) => {
  const tax_free = Math.max(0, Math.min(amount, taxFree));
  const vatPart = Math.max(0, Math.min(amount - tax_free, vat));
  return { tax_free, supply: amount - tax_free - vatPart, vat: vatPart, service: 0 };
};

export function paymentBalance(record: PaymentRecord) {
  const v = record.view;
  const paid = v.status === "paid" || v.status === "cancelled";
  let amount = paid ? v.amount : 0;
  let taxFree = paid ? record.taxFree : 0;
  let vat = paid ? record.vat : 0;
  const snapshot = (created: number) => ({
    cash_receipt: ZERO,
    primary: split(amount, taxFree, vat),
    secondary: ZERO,
    discount: ZERO,
    created,
  });
  const histories = paid ? [snapshot(v.paid_at ?? v.started_at ?? 0)] : [];
  (v.cancel_history ?? []).forEach((cancel, i) => {
    const refund = record.refunds[i] ?? { taxFree: 0, vat: 0 };
    amount -= cancel.amount;
    taxFree -= refund.taxFree;
    vat -= refund.vat;
    histories.push(snapshot(cancel.cancelled_at));
  });
  return {
    amount,
    cash_receipt: ZERO,
    primary: split(amount, taxFree, vat),
    secondary: ZERO,
    discount: ZERO,
    histories,
  };
}
