/**
 * Where our contracts deliberately differ from the official document's facts, and why. The facts
 * test (test/spec-facts.test.ts) fails on any difference not listed here and on any entry here
 * that no longer matches a difference, so this list is always exactly the set of departures.
 */

export interface SpecDeparture {
  /** Operation table key, or `definition` for a definition compared by name. */
  operation: string;
  where: string;
  kind: "operation" | "missing" | "extra" | "required" | "type" | "maxLength" | "enum" | "default" | "response";
  reason: string;
}

const DOCUMENTED_VALUES =
  "upstream types it as a plain string but documents the values in prose; the enum lets the client type it";
const NOTICE_URL =
  "the real service takes one URL or an array of URLs on every operation (docs/domain.md §5; the PG guides type it string | string[])";
const ESCROW_MODIFY =
  "seed 000 lists only imp_uid and logis.company/invoice/sent_at as required to modify a shipment; the field stays accepted";
const VBANK_DUE =
  "unix seconds as upstream says, or a date string in the forms the smart-routing guide lists (YYYY-MM-DD, YYYYMMDD, YYYY-MM-DD HH:mm:ss, YYYYMMDDHHmmss); which forms a PG takes is PG rule data";

export const specDepartures: SpecDeparture[] = [
  {
    operation: "cancelPayment",
    where: "body.extra",
    kind: "type",
    reason:
      "upstream says array, but what it describes (extra.requester: customer or admin) is an object; clients send extra[requester]=…",
  },
  { operation: "onetime", where: "body.notice_url", kind: "type", reason: NOTICE_URL },
  { operation: "again", where: "body.notice_url", kind: "type", reason: NOTICE_URL },
  { operation: "createVbank", where: "body.notice_url", kind: "type", reason: NOTICE_URL },
  { operation: "definition", where: "ScheduleAnnotation.notice_url", kind: "type", reason: NOTICE_URL },
  {
    operation: "customer_save",
    where: "body.channel_key",
    kind: "required",
    reason:
      "upstream marks it required, but the same operation also takes pg, channel_group_id, or neither (the merchant's default channel), as the real service does",
  },
  {
    operation: "customer_save",
    where: "body.channelGroupId",
    kind: "extra",
    reason:
      "the smart-routing guide's billing-key example sends the group as channelGroupId; upstream documents channel_group_id; both are accepted",
  },
  {
    operation: "customer_view_multiple",
    where: "response",
    kind: "response",
    reason:
      "upstream lists CustomerAnnotation[], but a customer_uid may name a super billing key, which the single lookup answers as SuperBillingKeyAnnotation; the list shows each key the same way",
  },
  {
    operation: "customer_delete",
    where: "query.extra.requester",
    kind: "enum",
    reason: "the values customer and admin are the ones upstream documents for cancelPayment's extra.requester",
  },
  { operation: "createVbank", where: "body.vbank_due", kind: "type", reason: VBANK_DUE },
  { operation: "modifyVbank", where: "body.vbank_due", kind: "type", reason: VBANK_DUE },
  { operation: "escrow_logis_edit", where: "body.sender", kind: "required", reason: ESCROW_MODIFY },
  { operation: "escrow_logis_edit", where: "body.receiver", kind: "required", reason: ESCROW_MODIFY },
  {
    operation: "definition",
    where: "ExternalReceiptAnnotation.type",
    kind: "enum",
    reason: "the receipt type is the request's type, whose values upstream enumerates (person, company)",
  },
  {
    operation: "definition",
    where: "ReceiptAnnotation.type",
    kind: "enum",
    reason: "the receipt type is the request's type, whose values upstream enumerates (person, company)",
  },
  { operation: "definition", where: "FailedChannelAnnotation.type", kind: "enum", reason: DOCUMENTED_VALUES },
  { operation: "definition", where: "PaymentAnnotation.status", kind: "enum", reason: DOCUMENTED_VALUES },
  { operation: "definition", where: "PaymentAnnotation.customer_uid_usage", kind: "enum", reason: DOCUMENTED_VALUES },
  {
    operation: "definition",
    where: "ScheduleResultAnnotation.schedule_status",
    kind: "enum",
    reason: "the values upstream enumerates for the schedule_status query parameter",
  },
  {
    operation: "definition",
    where: "ScheduleResultAnnotation.payment_status",
    kind: "enum",
    reason: "the payment statuses of PaymentAnnotation",
  },
  {
    operation: "definition",
    where: "ScheduleAnnotation.product_type",
    kind: "enum",
    reason: "the values upstream enumerates for the same parameter on again and onetime",
  },
  {
    operation: "definition",
    where: "ScheduleAnnotation.cash_receipt_type",
    kind: "enum",
    reason: "the values upstream enumerates for the same parameter on again",
  },
  {
    operation: "definition",
    where: "ScheduleAnnotation.schedule_at",
    kind: "default",
    reason: "upstream's default of 0 is an example value; a schedule without schedule_at is refused",
  },
  {
    operation: "definition",
    where: "ScheduleAnnotation.currency",
    kind: "required",
    reason: "the guides' schedule examples omit currency; it defaults to KRW like on again",
  },
];
