/**
 * Payments a config declares as existing from the start (`merchants[].payments`), so a team can
 * mirror the orders its live test merchant holds and tests that look them up pass unchanged. Each is
 * made the way the mock makes any payment (a browser checkout, or a virtual account issued through
 * the API) at its own moment, then given its imp_uid and past refunds. No webhook is owed for them.
 */
import type { z } from "zod";
import type { SeedPayment } from "../../contracts/mock/config.ts";
import type { Deps } from "./deps.ts";
import { failure, MockError } from "./errors.ts";
import type { MerchantState } from "./model.ts";
import { recordPastRefund } from "./payments/cancel.ts";
import { completeCheckout } from "./payments/checkout.ts";
import { adoptImpUid } from "./payments/record.ts";
import { issueVbank } from "./payments/vbanks.ts";

type Seed = z.output<typeof SeedPayment>;

const WEEK_SECONDS = 7 * 24 * 3600;

/**
 * Makes every seeded payment. One the mock cannot make (e.g. a pay method its channel lacks) is
 * refused naming it (`merchants[0].payments[1]: …`); `createMockServer` reports that as a config error.
 */
export function seedPayments(deps: Deps, merchant: MerchantState, merchantIndex: number): void {
  merchant.config.payments.forEach((seed, p) => {
    const owed = merchant.webhookQueue.length;
    try {
      seedPayment(deps, merchant, seed);
      // They happened before the mock started: nothing is owed for them.
      merchant.webhookQueue.length = owed;
    } catch (error) {
      if (!(error instanceof MockError)) throw error;
      throw failure("invalidRequest", `merchants[${merchantIndex}].payments[${p}]: ${error.message}`);
    }
  });
}

function seedPayment(deps: Deps, merchant: MerchantState, seed: Seed): void {
  const channel = seed.channel_key === undefined ? merchant.defaultChannel : merchant.channels.get(seed.channel_key)!;
  const paidAt = { ...deps, now: seed.paid_at ?? deps.now };
  const order = {
    merchant_uid: seed.merchant_uid,
    amount: seed.amount,
    name: seed.name,
    buyer_name: seed.buyer_name,
    buyer_email: seed.buyer_email,
    buyer_tel: seed.buyer_tel,
  };
  const record =
    seed.status === "ready"
      ? issueVbank(paidAt, merchant, channel, {
          ...order,
          channel_key: channel.channel_key,
          vbank_code: "088",
          // A week from its issue, or from now when it was issued longer ago: a waiting account is still open.
          vbank_due: Math.max(paidAt.now, deps.now) + WEEK_SECONDS,
          fixed_unlimited_vbank: false,
        })
      : completeCheckout(paidAt, merchant, {
          ...order,
          channel,
          pay_method: seed.pay_method,
          currency: "KRW",
          card_number: "4242424242424242",
        });
  if (seed.imp_uid !== undefined) adoptImpUid(deps, merchant, record, seed.imp_uid);
  const refunded = seed.status === "cancelled" ? seed.amount : seed.cancel_amount;
  if (refunded !== undefined)
    recordPastRefund({ ...deps, now: seed.cancelled_at ?? paidAt.now }, merchant, record, refunded);
}
