/** Looking payments up: by imp_uid, by merchant_uid, by status over a time window, paged. */
import { failure } from "../errors.ts";
import type { Channel, MerchantState, PaymentRecord, PaymentView } from "../model.ts";

export type Sorting = "-started" | "started" | "-paid" | "paid" | "-updated" | "updated";
export const LOOKUP_STATUSES = ["ready", "paid", "cancelled", "failed"] as const;
/** GET /payments/status: the window is at most 90 days, and from defaults to 90 days before to. */
export const STATUS_WINDOW_SECONDS = 90 * 24 * 60 * 60;
export const MAX_PAGE_LIMIT = 1000;

export interface Visibility {
  /** Show test-channel payments (see MockConfig.hide_sandbox_by_default). */
  includeSandbox: boolean;
}

const visible = (record: PaymentRecord, visibility: Visibility) => visibility.includeSandbox || !record.view.sandbox;

export function findByImpUid(merchant: MerchantState, imp_uid: string, visibility: Visibility): PaymentRecord {
  const record = merchant.payments.get(imp_uid);
  if (!record || !visible(record, visibility))
    throw failure(
      "notFound",
      `no payment with imp_uid ${imp_uid} for this merchant${record ? " (it is a test-channel payment: add include_sandbox=true)" : ""}`,
      "paymentNotFound",
    );
  return record;
}

/**
 * A payment an operation acts on (virtual accounts, escrow shipping, receipts), with the channel
 * that served it: that channel's PG answers, so its rules apply.
 */
export function paymentAndChannel(
  merchant: MerchantState,
  imp_uid: string,
): { payment: PaymentRecord; channel: Channel } {
  const payment = findByImpUid(merchant, imp_uid, { includeSandbox: true });
  return { payment, channel: merchant.channels.get(payment.channelKey)! };
}

const sortKey: Record<"started" | "paid" | "updated", (record: PaymentRecord) => number> = {
  started: (r) => r.view.started_at ?? 0,
  paid: (r) => r.view.paid_at ?? 0,
  updated: (r) => r.updatedAt,
};

export function sortPayments(records: PaymentRecord[], sorting: Sorting): PaymentRecord[] {
  const descending = sorting.startsWith("-");
  const key = sortKey[(descending ? sorting.slice(1) : sorting) as keyof typeof sortKey];
  const sign = descending ? -1 : 1;
  return [...records].sort((a, b) => sign * (key(a) - key(b) || a.sequence - b.sequence));
}

export function requireStatus(status: string | undefined): PaymentView["status"] | undefined {
  if (status === undefined || status === "") return undefined;
  if (!(LOOKUP_STATUSES as readonly string[]).includes(status))
    throw failure(
      "invalidRequest",
      `payment_status ${JSON.stringify(status)} must be one of ${LOOKUP_STATUSES.join(", ")}`,
    );
  return status as PaymentView["status"];
}

function ofOrder(
  merchant: MerchantState,
  merchant_uid: string,
  status: PaymentView["status"] | undefined,
  visibility: Visibility,
): PaymentRecord[] {
  return (merchant.paymentsByMerchantUid.get(merchant_uid) ?? []).filter(
    (r) => visible(r, visibility) && (status === undefined || r.view.status === status),
  );
}

export function findLatestByMerchantUid(
  merchant: MerchantState,
  merchant_uid: string,
  status: string | undefined,
  sorting: Sorting,
  visibility: Visibility,
): PaymentRecord {
  const found = sortPayments(ofOrder(merchant, merchant_uid, requireStatus(status), visibility), sorting)[0];
  if (!found)
    throw failure(
      "notFound",
      `no payment with merchant_uid ${merchant_uid}${status ? ` and status ${status}` : ""} for this merchant`,
      "paymentNotFound",
    );
  return found;
}

export interface Page<T> {
  total: number;
  previous: number;
  next: number;
  list: T[];
}

export function paginate<T>(items: T[], page: number, limit: number, what = "payments"): Page<T> {
  if (page < 1) throw failure("invalidRequest", `page must be 1 or more (got ${page})`);
  if (limit < 1 || limit > MAX_PAGE_LIMIT)
    throw failure("invalidRequest", `limit must be between 1 and ${MAX_PAGE_LIMIT} (got ${limit})`);
  const start = (page - 1) * limit;
  if (page > 1 && start >= items.length)
    throw failure(
      "invalidRequest",
      `page ${page} is beyond the last page (${Math.max(1, Math.ceil(items.length / limit))}) of ${items.length} ${what}`,
    );
  return {
    total: items.length,
    previous: page > 1 ? page - 1 : 0,
    next: start + limit < items.length ? page + 1 : 0,
    list: items.slice(start, start + limit),
  };
}

export function findAllByMerchantUid(
  merchant: MerchantState,
  merchant_uid: string,
  status: string | undefined,
  query: { page?: number | undefined; limit: number; sorting: Sorting },
  visibility: Visibility,
): Page<PaymentRecord> {
  const records = ofOrder(merchant, merchant_uid, requireStatus(status), visibility);
  if (records.length === 0)
    throw failure(
      "notFound",
      `no payment with merchant_uid ${merchant_uid}${status ? ` and status ${status}` : ""} for this merchant`,
      "paymentNotFound",
    );
  return paginate(sortPayments(records, query.sorting), query.page ?? 1, query.limit);
}

/** Which moment a status search compares with from/to: the time the payment reached its status. */
function statusTime(record: PaymentRecord): number {
  const v = record.view;
  switch (v.status) {
    case "paid":
      return v.paid_at ?? 0;
    case "cancelled":
      return v.cancelled_at ?? 0;
    case "failed":
      return v.failed_at ?? 0;
    default:
      return v.started_at ?? 0;
  }
}

export function findByStatus(
  merchant: MerchantState,
  status: "all" | PaymentView["status"],
  query: {
    page?: number | undefined;
    limit: number;
    from?: number | undefined;
    to?: number | undefined;
    sorting: Sorting;
  },
  now: number,
  visibility: Visibility,
): Page<PaymentRecord> {
  const to = query.to ?? now;
  const from = query.from ?? to - STATUS_WINDOW_SECONDS;
  if (from > to) throw failure("invalidRequest", `from ${from} is after to ${to}`);
  if (to - from > STATUS_WINDOW_SECONDS)
    throw failure(
      "invalidRequest",
      `from..to spans ${to - from} seconds; the search window is at most 90 days (${STATUS_WINDOW_SECONDS} seconds)`,
    );
  const records = [...merchant.payments.values()].filter((r) => {
    if (!visible(r, visibility) || (status !== "all" && r.view.status !== status)) return false;
    const at = statusTime(r);
    return at >= from && at <= to;
  });
  return paginate(sortPayments(records, query.sorting), query.page ?? 1, query.limit);
}

export interface ManyResult {
  found: PaymentRecord[];
  missing: string[];
}

/** GET /payments: at most 100 identifiers; a merchant_uid stands for its latest payment. */
export function findMany(
  merchant: MerchantState,
  imp_uids: string[],
  merchant_uids: string[],
  visibility: Visibility,
): ManyResult {
  const count = imp_uids.length + merchant_uids.length;
  if (count === 0) throw failure("invalidRequest", "imp_uid[] or merchant_uid[] is required");
  if (count > 100) throw failure("invalidRequest", `at most 100 imp_uid[] and merchant_uid[] together (got ${count})`);
  const found: PaymentRecord[] = [];
  const missing: string[] = [];
  for (const imp_uid of imp_uids) {
    const record = merchant.payments.get(imp_uid);
    if (record && visible(record, visibility)) found.push(record);
    else missing.push(imp_uid);
  }
  for (const merchant_uid of merchant_uids) {
    const latest = sortPayments(ofOrder(merchant, merchant_uid, undefined, visibility), "-started")[0];
    if (latest) found.push(latest);
    else missing.push(merchant_uid);
  }
  return { found, missing };
}
