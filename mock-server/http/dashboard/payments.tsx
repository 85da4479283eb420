/**
 * Payments and what the PG can still say about them: each payment with its status, channel,
 * amounts, refunds and receipts; virtual accounts waiting for a deposit and refunds waiting for
 * the PG's transfer, each with the notice that settles it; notices due to arrive by themselves.
 */
import type { FC } from "hono/jsx";
import { kst, relative, won } from "./format.ts";
import { paymentStatus } from "../../../contracts/schemas/payments.ts";
import {
  ActionForm,
  Badge,
  Choice,
  Empty,
  Filters,
  IdSearch,
  matchesIdSearch,
  num,
  Table,
  type StateView,
} from "./page.tsx";
import type { DashboardView } from "./view.ts";

type Payment = StateView["payments"][number];
type PendingRefund = StateView["pending_refunds"][number];

const waitingForDeposit = (payment: Payment) => payment.status === "ready" && payment.pay_method === "vbank";

const DepositForm: FC<{ payment: Payment; view: DashboardView }> = ({ payment, view }) => (
  <ActionForm action="deposit" view={view}>
    <input type="hidden" name="imp_uid" value={payment.imp_uid} />
    <input type="number" name="amount" value={String(payment.amount)} min="0" aria-label="amount deposited" />
    <input type="text" name="depositor_name" placeholder="depositor (buyer)" aria-label="depositor name" />
    <button type="submit" class="primary" data-action="deposit" data-imp-uid={payment.imp_uid}>
      Deposit
    </button>
  </ActionForm>
);

const RefundTransferForm: FC<{ refund: PendingRefund; view: DashboardView }> = ({ refund, view }) => (
  <ActionForm action="refund-transfer" view={view}>
    <input type="hidden" name="imp_uid" value={refund.imp_uid} />
    <input type="hidden" name="cancellation_id" value={refund.cancellation_id} />
    <button
      type="submit"
      name="outcome"
      value="transferred"
      class="primary"
      data-action="refund-transfer"
      data-cancellation-id={refund.cancellation_id}
    >
      Transferred
    </button>
    <button type="submit" name="outcome" value="failed" class="danger">
      Failed
    </button>
  </ActionForm>
);

/** The channel's name where the merchant has one with this PG and MID. */
function channelName(state: StateView, payment: Payment): string | null {
  const channel = state.channels.find((c) => c.pg_provider === payment.pg_provider && c.pg_id === payment.pg_id);
  return channel?.channel_name ?? channel?.channel_key ?? null;
}

function matches(payment: Payment, view: DashboardView): boolean {
  if (view.status !== undefined && payment.status !== view.status) return false;
  if (view.pay_method !== undefined && payment.pay_method !== view.pay_method) return false;
  return matchesIdSearch(view, payment.imp_uid, payment.merchant_uid);
}

const PaymentFilters: FC<{ state: StateView; view: DashboardView }> = ({ state, view }) => {
  const methods = [...new Set(state.payments.map((p) => p.pay_method).filter((m) => m !== null))].sort();
  return (
    <Filters store_code={state.store_code} tab="payments">
      <Choice label="status" name="status" options={paymentStatus.options} current={view.status} />
      <Choice label="pay method" name="pay_method" options={methods} current={view.pay_method} />
      <IdSearch view={view} />
    </Filters>
  );
};

export const PaymentsTab: FC<{ state: StateView; view: DashboardView }> = ({ state, view }) => {
  const shown = state.payments.filter((payment) => matches(payment, view)).reverse();
  return (
    <>
      <PaymentFilters state={state} view={view} />
      {shown.length === 0 ? (
        <Empty>
          {state.payments.length === 0
            ? "No payments yet. Make one through the API, or record a browser checkout with POST /__mock/payments."
            : "No payment matches these filters."}
        </Empty>
      ) : (
        <Table
          id="payments"
          heads={[
            "payment",
            "status",
            "method · channel",
            num("amount"),
            num("refunded"),
            num("balance"),
            "refunds",
            "receipts",
            "time (KST)",
            "PG notice",
          ]}
        >
          {shown.map((payment) => (
            <PaymentRow state={state} payment={payment} view={view} />
          ))}
        </Table>
      )}
      <Bookkeeping state={state} />
    </>
  );
};

/** What the merchant registered without a payment of the mock's: cash receipts for payments made elsewhere, amounts pre-registered. */
const Bookkeeping: FC<{ state: StateView }> = ({ state }) => (
  <>
    {state.external_receipts.length > 0 && (
      <>
        <h2>Cash receipts for payments made elsewhere</h2>
        <Table
          id="external-receipts"
          heads={["merchant_uid", "receipt", num("amount"), num("VAT"), "issued (KST)", "revoked (KST)"]}
        >
          {state.external_receipts.map((receipt) => (
            <tr>
              <td class="id">{receipt.merchant_uid}</td>
              <td>
                {receipt.type} <code>{receipt.receipt_tid}</code>
              </td>
              <td class="num">{won(receipt.amount)}</td>
              <td class="num">{won(receipt.vat)}</td>
              <td>{kst(receipt.applied_at)}</td>
              <td>{kst(receipt.cancelled_at)}</td>
            </tr>
          ))}
        </Table>
      </>
    )}
    {state.prepared.length > 0 && (
      <>
        <h2>Amounts pre-registered (POST /payments/prepare)</h2>
        <Table id="prepared" heads={["merchant_uid", num("amount")]}>
          {state.prepared.map((prepared) => (
            <tr>
              <td class="id">{prepared.merchant_uid}</td>
              <td class="num">
                {won(prepared.amount)} <span class="muted small">{prepared.currency}</span>
              </td>
            </tr>
          ))}
        </Table>
      </>
    )}
  </>
);

const PaymentRow: FC<{ state: StateView; payment: Payment; view: DashboardView }> = ({ state, payment, view }) => {
  const pending = state.pending_refunds.filter((refund) => refund.imp_uid === payment.imp_uid);
  const cashReceipt = state.receipts.find((receipt) => receipt.imp_uid === payment.imp_uid);
  const moment = payment.cancelled_at || payment.failed_at || payment.paid_at || payment.vbank_issued_at;
  return (
    <tr data-imp-uid={payment.imp_uid}>
      <td>
        <div class="id">{payment.imp_uid}</div>
        <div class="id muted">{payment.merchant_uid}</div>
        {payment.name && <div class="small">{payment.name}</div>}
        {payment.buyer_name && <div class="small muted">{payment.buyer_name}</div>}
      </td>
      <td>
        <Badge value={payment.status} />
        {payment.escrow && <div class="small muted">escrow</div>}
        {payment.fail_reason && <div class="small">{payment.fail_reason}</div>}
      </td>
      <td>
        <div>{payment.pay_method ?? "—"}</div>
        <div class="small">
          {payment.pg_provider} · <code>{payment.pg_id}</code>
        </div>
        <div class="small muted">{channelName(state, payment)}</div>
        {payment.vbank_num && (
          <div class="small">
            {payment.vbank_name} <code>{payment.vbank_num}</code>
            <br />
            <span class="muted">due {kst(payment.vbank_date)}</span>
          </div>
        )}
        {payment.card_number && <div class="small muted">{payment.card_number}</div>}
      </td>
      <td class="num">
        {won(payment.amount)} <span class="muted small">{payment.currency}</span>
      </td>
      <td class="num">{won(payment.cancel_amount)}</td>
      <td class="num">
        {payment.status === "paid" || payment.status === "cancelled"
          ? won(payment.amount - payment.cancel_amount)
          : "—"}
      </td>
      <td>
        <ul class="plain small">
          {(payment.cancel_history ?? []).map((refund) => (
            <li>
              {won(refund.amount)} · {kst(refund.cancelled_at)} · <code>{refund.cancellation_id}</code>
              {refund.reason && <span class="muted"> · {refund.reason}</span>}
            </li>
          ))}
          {pending.map((refund) => (
            <li>
              <Badge value="waiting" /> {won(refund.amount)} · <code>{refund.cancellation_id}</code>
            </li>
          ))}
        </ul>
      </td>
      <td class="small receipts">
        {/* Shown, not linked (the page leads nowhere beyond the mock); the whole URL on hover. */}
        {payment.receipt_url ? (
          <div class="id muted" title={payment.receipt_url}>
            receipt …/{payment.receipt_url.split("/").at(-1)}
          </div>
        ) : (
          <span class="muted">—</span>
        )}
        {cashReceipt && (
          <div>
            cash receipt {won(cashReceipt.amount)} ({cashReceipt.type}) <code>{cashReceipt.receipt_tid}</code>
            {cashReceipt.cancelled_at !== 0 && <Badge value="revoked" />}
          </div>
        )}
      </td>
      <td class="small">{kst(moment)}</td>
      <td>
        {waitingForDeposit(payment) && <DepositForm payment={payment} view={view} />}
        {pending.map((refund) => (
          <RefundTransferForm refund={refund} view={view} />
        ))}
      </td>
    </tr>
  );
};

export const NoticesTab: FC<{ state: StateView; view: DashboardView }> = ({ state, view }) => {
  const accounts = state.payments.filter(waitingForDeposit);
  return (
    <>
      <p class="hint">
        What the PG tells PortOne: a deposit into a waiting virtual account, or that it transferred (or failed to
        transfer) a refund. Each sends the merchant's webhook, as POST /__mock/pg-notices does.
      </p>
      <h2>Virtual accounts waiting for a deposit</h2>
      {accounts.length === 0 ? (
        <Empty>No virtual account is waiting.</Empty>
      ) : (
        <Table id="waiting-accounts" heads={["payment", "account", num("amount"), "deadline (KST)", "deposit"]}>
          {accounts.map((payment) => (
            <tr data-imp-uid={payment.imp_uid}>
              <td>
                <div class="id">{payment.imp_uid}</div>
                <div class="id muted">{payment.merchant_uid}</div>
              </td>
              <td>
                {payment.vbank_name} <code>{payment.vbank_num}</code>
                <div class="small muted">
                  {payment.pg_provider} · {payment.vbank_holder}
                </div>
              </td>
              <td class="num">{won(payment.amount)}</td>
              <td>
                {kst(payment.vbank_date)}
                <div class="small muted">{payment.vbank_date ? relative(payment.vbank_date, state.now) : null}</div>
              </td>
              <td>
                <DepositForm payment={payment} view={view} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2>Refunds waiting for the PG's transfer</h2>
      {state.pending_refunds.length === 0 ? (
        <Empty>No refund is waiting for a transfer.</Empty>
      ) : (
        <Table
          id="pending-refunds"
          heads={["payment", "cancellation_id", num("amount"), "requested (KST)", "refund account", "notice"]}
        >
          {state.pending_refunds.map((refund) => (
            <tr data-cancellation-id={refund.cancellation_id}>
              <td class="id">{refund.imp_uid}</td>
              <td class="id">{refund.cancellation_id}</td>
              <td class="num">{won(refund.amount)}</td>
              <td>{kst(refund.requested_at)}</td>
              <td class="small">
                {refund.refund_bank} {refund.refund_account} {refund.refund_holder}
              </td>
              <td>
                <RefundTransferForm refund={refund} view={view} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h2>Notices due to arrive by themselves</h2>
      <p class="hint">From a channel's notice_delays; they arrive when the virtual clock reaches them.</p>
      {state.scheduled_pg_notices.length === 0 ? (
        <Empty>None scheduled.</Empty>
      ) : (
        <Table id="scheduled-notices" heads={["kind", "imp_uid", "cancellation_id", "at (KST)"]}>
          {state.scheduled_pg_notices.map((notice) => (
            <tr>
              <td>{notice.kind}</td>
              <td class="id">{notice.imp_uid}</td>
              <td class="id">{notice.cancellation_id ?? "—"}</td>
              <td>
                {kst(notice.at)} <span class="muted small">({relative(notice.at, state.now)})</span>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
};
