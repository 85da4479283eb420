/**
 * Everything one merchant has in the mock, as GET /__mock/state shows it (MerchantStateView in
 * contracts/mock/control.ts): the API's own views where there is one, plus what only the mock
 * knows (product_count, refunds waiting for the PG, scheduled notices, tokens, armed failures).
 */
import type { ArmedFailures } from "./armed-failures.ts";
import { pgSetting } from "./channels.ts";
import type { MerchantState, PendingRefund } from "./model.ts";
import { receiptView } from "./receipts.ts";
import { groupView } from "./routing/groups.ts";

export function merchantStateView(merchant: MerchantState, now: number, failures: ArmedFailures) {
  return {
    store_code: merchant.config.store_code,
    name: merchant.config.name,
    now,
    channels: [...merchant.channels.values()].map((channel) => ({
      ...pgSetting(channel),
      enabled: channel.enabled,
      default: channel.isDefault,
    })),
    payments: [...merchant.payments.values()].map((record) => ({ ...record.view, product_count: record.productCount })),
    pending_refunds: [...merchant.payments.values()].flatMap((record) =>
      record.pendingRefunds.map((refund) => pendingRefundView(record.view.imp_uid, refund)),
    ),
    billing_keys: [...merchant.billingKeys.values()].map((key) => key.view),
    channel_groups: [...merchant.groups.values()].map(groupView),
    schedules: [...merchant.schedules.values()]
      .sort((a, b) => a.view.schedule_at - b.view.schedule_at || a.sequence - b.sequence)
      .map((s) => s.view),
    scheduled_pg_notices: merchant.scheduledNotices,
    receipts: [...merchant.receipts].map(([imp_uid, receipt]) => ({ imp_uid, ...receiptView(receipt) })),
    external_receipts: [...merchant.externalReceipts].map(([merchant_uid, receipt]) => ({
      merchant_uid,
      ...receiptView(receipt),
    })),
    prepared: [...merchant.prepared.values()],
    tokens: merchant.token
      ? [{ access_token: merchant.token.access_token, expired_at: merchant.token.expired_at }]
      : [],
    armed_failures: failures.list(merchant.config.store_code),
  };
}

const pendingRefundView = (imp_uid: string, refund: PendingRefund) => ({
  imp_uid,
  cancellation_id: refund.cancellation_id,
  amount: refund.amount,
  tax_free: refund.taxFree,
  vat_amount: refund.vat,
  reason: refund.reason,
  requested_at: refund.requestedAt,
  refund_bank: refund.account.bank,
  refund_account: refund.account.number,
  refund_holder: refund.account.holder,
  refund_tel: refund.account.tel,
});
