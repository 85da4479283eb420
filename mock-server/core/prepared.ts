/**
 * Amounts pre-registered for a merchant_uid (POST/PUT /payments/prepare). A payment of that
 * merchant_uid must then be for exactly that amount (see payments/charge.ts).
 */
import type { z } from "zod";
import type { PreparePaymentRequest } from "../../contracts/schemas/payments.ts";
import { failure } from "./errors.ts";
import { orderTakenBy } from "./payments/record.ts";
import type { MerchantState, PreparedRecord } from "./model.ts";

export type PrepareRequest = z.output<typeof PreparePaymentRequest>;

function checkAmount(amount: number) {
  if (amount <= 0) throw failure("invalidRequest", `amount must be greater than 0 (got ${amount})`);
}

export function prepare(merchant: MerchantState, request: PrepareRequest): PreparedRecord {
  checkAmount(request.amount);
  if (merchant.prepared.has(request.merchant_uid)) {
    throw failure(
      "rejected",
      `merchant_uid ${JSON.stringify(request.merchant_uid)} is already pre-registered; change its amount with PUT /payments/prepare`,
      "alreadyPrepared",
    );
  }
  const record = { merchant_uid: request.merchant_uid, amount: request.amount, currency: request.currency ?? "KRW" };
  merchant.prepared.set(record.merchant_uid, record);
  return record;
}

export function editPrepared(merchant: MerchantState, request: PrepareRequest): PreparedRecord {
  checkAmount(request.amount);
  const record = preparedFor(merchant, request.merchant_uid);
  if (orderTakenBy(merchant, request.merchant_uid))
    throw failure(
      "rejected",
      `merchant_uid ${JSON.stringify(request.merchant_uid)} is already paid; its pre-registered amount can no longer change`,
    );
  record.amount = request.amount;
  if (request.currency !== undefined) record.currency = request.currency;
  return record;
}

export function preparedFor(merchant: MerchantState, merchant_uid: string): PreparedRecord {
  const record = merchant.prepared.get(merchant_uid);
  if (!record)
    throw failure("notFound", `no pre-registered amount for merchant_uid ${merchant_uid}`, "preparedNotFound");
  return record;
}
