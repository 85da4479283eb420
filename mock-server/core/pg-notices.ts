/**
 * PG-to-PortOne notices (docs/domain.md §5): a deposit into a waiting virtual account, or the transfer
 * of a refund the PG accepted earlier. Every PG's notice takes this one path; what differs between
 * PGs is data on the channel: its pay methods (only a PG that issues virtual accounts reports
 * deposits) and its `vbankRefund` behaviour (only a PG that transfers refunds later reports them).
 * Each notice changes the payment and owes the merchant its webhook, in the handlers it calls.
 */
import type { z } from "zod";
import type { PgNoticeKind, PgNoticeRequest } from "../../contracts/mock/webhooks.ts";
import { failure, MockError } from "./errors.ts";
import type { ScheduledNotice } from "./model.ts";
import { settleRefund } from "./payments/cancel.ts";
import { findByImpUid } from "./payments/lookups.ts";
import type { Deps } from "./deps.ts";
import { depositVbank } from "./payments/vbanks.ts";
import type { Channel, MerchantState, PaymentRecord } from "./model.ts";

export type PgNotice = z.output<typeof PgNoticeRequest>;
type Kind = z.output<typeof PgNoticeKind>;

const NOTICES: Record<
  Kind,
  {
    sentBy: (channel: Channel) => boolean;
    sentWhen: string;
    receive: (deps: Deps, merchant: MerchantState, record: PaymentRecord, notice: PgNotice) => PaymentRecord;
  }
> = {
  deposit: {
    sentBy: (channel) => channel.payMethods.includes("vbank"),
    sentWhen: "it issues virtual accounts",
    receive: (deps, merchant, record, notice) => depositVbank(deps, merchant, record, notice),
  },
  refund_transfer: {
    sentBy: (channel) => channel.behaviours.vbankRefund === "onRefundNotice",
    sentWhen: 'its virtual-account refunds wait for the transfer (behaviours.vbankRefund "onRefundNotice")',
    receive: (deps, merchant, record, notice) => settleRefund(deps, merchant, record, notice),
  },
};

export function receivePgNotice(deps: Deps, merchant: MerchantState, notice: PgNotice): PaymentRecord {
  const record = findByImpUid(merchant, notice.imp_uid, { includeSandbox: true });
  const channel = merchant.channels.get(record.channelKey)!;
  const spec = NOTICES[notice.kind];
  if (!spec.sentBy(channel)) {
    throw failure(
      "rejected",
      `${channel.pg_provider} (channel ${channel.channel_key}) sends no ${notice.kind} notice: a PG sends one only when ${spec.sentWhen}`,
    );
  }
  return spec.receive(deps, merchant, record, notice);
}

/**
 * A notice that arrives by itself. The payment may have moved on since it was scheduled (the
 * account revoked, paid by a control call, the refund settled): the notice then finds nothing to
 * do and is dropped, as PortOne would ignore a stale one.
 */
export function receiveScheduledNotice(deps: Deps, merchant: MerchantState, scheduled: ScheduledNotice): void {
  try {
    receivePgNotice(deps, merchant, {
      kind: scheduled.kind,
      imp_uid: scheduled.imp_uid,
      cancellation_id: scheduled.cancellation_id ?? undefined,
      outcome: "transferred",
    });
  } catch (error) {
    if (!(error instanceof MockError)) throw error;
  }
}
