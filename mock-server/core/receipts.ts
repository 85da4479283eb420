/**
 * Cash receipts (현금영수증): issued through the PG that served a cash payment (POST/GET/DELETE
 * /receipts/{imp_uid}), or through a chosen channel for a payment made elsewhere (…/external/
 * {merchant_uid}). Refusals use the HTTP statuses the official document lists for each operation.
 */
import type { z } from "zod";
import type { IssueExternalReceiptRequest, IssueReceiptRequest } from "../../contracts/schemas/receipts.ts";
import { pgTransactionId } from "../pg/simulate-card.ts";
import { failure, type RealText } from "./errors.ts";
import { defaultVat, receiptUrl, taxFreeLeft } from "./payments/record.ts";
import type { Deps } from "./deps.ts";
import type { Channel, MerchantState, PaymentRecord, Receipt } from "./model.ts";

export type ReceiptRequest = z.output<typeof IssueReceiptRequest>;
export type ExternalReceiptRequest = z.output<typeof IssueExternalReceiptRequest>;

/** What the receipt operations answer (the official annotation, without imp_uid or merchant_uid): all but the issuing channel. */
export const receiptView = ({ channelKey: _, ...view }: Receipt) => view;

/** Pay methods a cash receipt is for: the official document's "cash transactions (virtual account, bank transfer)". */
const CASH_PAY_METHODS = new Set(["vbank", "trans"]);

/** How each identifier_type's number looks, hyphens aside (the official list of what identifier may hold). */
const IDENTIFIER_FORMS: Record<string, { pattern: RegExp; meaning: string }> = {
  person: { pattern: /^\d{13}$/, meaning: "a resident registration number (13 digits)" },
  business: { pattern: /^\d{10}$/, meaning: "a business registration number (10 digits)" },
  phone: { pattern: /^01\d{8,9}$/, meaning: "a mobile phone number (01 and 8 or 9 more digits)" },
  taxcard: { pattern: /^\d{13,19}$/, meaning: "a cash receipt card number (13 to 19 digits)" },
};

function checkIdentifier(channel: Channel, identifier: string, identifier_type: string | undefined): void {
  if (!channel.behaviours.checksReceiptIdentifier) return;
  const digits = identifier.replace(/-/g, "");
  if (!/^\d+$/.test(digits))
    throw failure(
      "invalidRequest",
      `identifier ${JSON.stringify(identifier)} must be digits (hyphens allowed): a phone, resident, business or cash receipt card number`,
    );
  const form = identifier_type === undefined ? undefined : IDENTIFIER_FORMS[identifier_type];
  if (form && !form.pattern.test(digits))
    throw failure(
      "invalidRequest",
      `identifier ${JSON.stringify(identifier)} is not ${form.meaning}, as identifier_type ${identifier_type} says`,
    );
}

interface Amounts {
  amount: number;
  tax_free?: number | undefined;
  vat_amount?: number | undefined;
  vat?: number | undefined;
}

/** The VAT of a receipt: vat_amount, else the deprecated vat, else 1/11 of the taxable part. */
function receiptVat({ amount, tax_free = 0, vat_amount, vat }: Amounts): number {
  if (tax_free < 0 || tax_free > amount)
    throw failure("invalidRequest", `tax_free ${tax_free} must be between 0 and the receipt's amount ${amount}`);
  const chosen = vat_amount ?? vat ?? defaultVat(amount, tax_free);
  if (chosen < 0 || chosen > amount - tax_free)
    throw failure(
      "invalidRequest",
      `vat_amount ${chosen} must be between 0 and the taxable amount ${amount - tax_free}`,
    );
  return chosen;
}

/** `taxFree` is the tax-free part when the request leaves it out: the payment's, for a PortOne payment. */
function newReceipt(
  deps: Deps,
  channel: Channel,
  request: ReceiptRequest | ExternalReceiptRequest,
  amount: number,
  taxFree = 0,
): Receipt {
  checkIdentifier(channel, request.identifier, request.identifier_type);
  const tax_free = request.tax_free ?? Math.min(taxFree, amount);
  const vat = receiptVat({ ...request, tax_free, amount });
  const receipt_tid = pgTransactionId(deps.random, channel.pg_provider);
  return {
    channelKey: channel.channel_key,
    receipt_tid,
    apply_num: deps.random.digits(9),
    type: request.type,
    amount,
    vat,
    receipt_url: receiptUrl(channel.pg_provider, `cash-${receipt_tid}`),
    applied_at: deps.now,
    cancelled_at: NOT_REVOKED,
  };
}

/** A standing receipt's cancelled_at. */
const NOT_REVOKED = 0;

const isActive = (receipt: Receipt | undefined): receipt is Receipt =>
  receipt !== undefined && receipt.cancelled_at === NOT_REVOKED;

/** The receipt of a PortOne payment, issued for what is left of it after refunds. */
export function issueReceipt(
  deps: Deps,
  merchant: MerchantState,
  payment: PaymentRecord,
  channel: Channel,
  request: ReceiptRequest,
): Receipt {
  const view = payment.view;
  if (!CASH_PAY_METHODS.has(view.pay_method ?? ""))
    throw failure(
      "invalidRequest",
      `${view.imp_uid} is a ${view.pay_method} payment; cash receipts are for cash payments (vbank, trans)`,
    );
  if (view.status !== "paid")
    throw failure(
      "invalidRequest",
      `${view.imp_uid} is ${view.status}; a cash receipt is issued only for a paid payment`,
    );
  if (isActive(merchant.receipts.get(view.imp_uid)))
    throw failure(
      "invalidRequest",
      `${view.imp_uid} already has a cash receipt; revoke it with DELETE /receipts/${view.imp_uid} before issuing another`,
    );
  const receipt = newReceipt(deps, channel, request, view.amount - view.cancel_amount, taxFreeLeft(payment));
  merchant.receipts.set(view.imp_uid, receipt);
  view.cash_receipt_issued = true;
  payment.updatedAt = deps.now;
  return receipt;
}

export function issueExternalReceipt(
  deps: Deps,
  merchant: MerchantState,
  merchant_uid: string,
  channel: Channel,
  request: ExternalReceiptRequest,
): Receipt {
  if (isActive(merchant.externalReceipts.get(merchant_uid))) {
    throw failure(
      "invalidRequest",
      `merchant_uid ${merchant_uid} already has a cash receipt; revoke it with DELETE /receipts/external/${merchant_uid} before issuing another`,
    );
  }
  if (request.amount <= 0) throw failure("invalidRequest", `amount must be greater than 0 (got ${request.amount})`);
  const receipt = newReceipt(deps, channel, request, request.amount);
  merchant.externalReceipts.set(merchant_uid, receipt);
  return receipt;
}

/** GET: a revoked receipt is still shown, with its cancelled_at. */
export function receiptOf(receipts: ReadonlyMap<string, Receipt>, key: string, what: string, says?: RealText): Receipt {
  const receipt = receipts.get(key);
  if (!receipt) throw failure("notFound", `no cash receipt was issued for ${what}`, says);
  return receipt;
}

export function revokeReceipt(deps: Deps, merchant: MerchantState, payment: PaymentRecord): Receipt {
  const imp_uid = payment.view.imp_uid;
  const receipt = merchant.receipts.get(imp_uid);
  // The official document: revoking a receipt PortOne never issued is 400.
  if (!receipt)
    throw failure(
      "invalidRequest",
      `no cash receipt was issued for ${imp_uid} through PortOne; there is nothing to revoke`,
    );
  if (receipt.cancelled_at !== NOT_REVOKED)
    throw failure("invalidRequest", `the cash receipt of ${imp_uid} was already revoked at ${receipt.cancelled_at}`);
  receipt.cancelled_at = deps.now;
  payment.view.cash_receipt_issued = false;
  payment.updatedAt = deps.now;
  return receipt;
}

export function revokeExternalReceipt(deps: Deps, merchant: MerchantState, merchant_uid: string): Receipt {
  // The official document: a merchant_uid that never had a receipt is 404.
  const receipt = receiptOf(merchant.externalReceipts, merchant_uid, `merchant_uid ${merchant_uid}`);
  if (receipt.cancelled_at !== NOT_REVOKED)
    throw failure(
      "invalidRequest",
      `the cash receipt of merchant_uid ${merchant_uid} was already revoked at ${receipt.cancelled_at}`,
    );
  receipt.cancelled_at = deps.now;
  return receipt;
}

/**
 * A refund of a payment with a receipt: PGs that revoke receipts with the payment take the refund
 * off the receipt, and revoke it when nothing is left. Smartro v2 leaves it alone (seed 000).
 */
export function followRefund(
  deps: Deps,
  merchant: MerchantState,
  payment: PaymentRecord,
  channel: Channel | undefined,
  refund: { amount: number; vat: number },
): void {
  const receipt = merchant.receipts.get(payment.view.imp_uid);
  if (!isActive(receipt) || !channel?.behaviours.cancelRevokesReceipt) return;
  receipt.amount -= Math.min(refund.amount, receipt.amount);
  receipt.vat -= Math.min(refund.vat, receipt.vat);
  if (receipt.amount === 0) {
    receipt.cancelled_at = deps.now;
    payment.view.cash_receipt_issued = false;
  }
}

/** Whether the payment holds a receipt that has not been revoked (Smartro v2 checks tax_free only then). */
export const hasActiveReceipt = (merchant: MerchantState, imp_uid: string) => isActive(merchant.receipts.get(imp_uid));
