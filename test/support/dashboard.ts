/**
 * The dashboard (/__mock/ui) for tests: a merchant with one of everything it shows, a page fetched
 * in-process, and an action posted as the page's form would post it.
 */
import { DEMO_GROUP_ID } from "../../mock-server/index.ts";
import { orderId, SMARTRO, SMARTRO_CUSTOMER, START, type Answer, type TestMock } from "./mock.ts";
import { BUYER, control, deposit, keyedPayment, REFUND_ACCOUNT, smartroVbank } from "./requests.ts";

export const UI = "/__mock/ui";

export const TAB_NAMES = [
  "payments",
  "billing-keys",
  "schedules",
  "webhooks",
  "routing",
  "notices",
  "failures",
  "journal",
  "clock",
] as const;

export interface Busy {
  /** A keyed payment refunded in part (2000 of 12000). */
  refunded: { imp_uid: string; merchant_uid: string; cancellation_id: string };
  /** A declined keyed payment. */
  declined: { imp_uid: string };
  /** A Smartro v2 virtual account waiting for its deposit (15000 won). */
  waiting: { imp_uid: string; merchant_uid: string; amount: number };
  /** A Smartro v2 virtual account paid into, whose full refund waits for the PG's transfer. */
  refunding: { imp_uid: string; cancellation_id: string };
  /** A schedule on the demo Smartro v2 key, a day ahead. */
  scheduled: { merchant_uid: string };
  /** A bank transfer (checkout) with a cash receipt. */
  cashReceipt: { imp_uid: string; receipt_tid: string };
  /** A cash receipt for a payment made elsewhere, and an amount pre-registered. */
  externalReceipt: { merchant_uid: string };
  prepared: { merchant_uid: string };
  armedFailureId: string;
}

/**
 * The demo merchant with a payment of each kind, refunds done and waiting, cash receipts, an
 * amount pre-registered, group picks, a schedule, webhooks owed and an armed failure (none of
 * which the next request meets).
 */
export async function busyMerchant(mock: TestMock): Promise<Busy> {
  const paid = await keyedPayment(mock, { amount: 12000, name: "연간 구독 <pro>", buyer_name: "홍길동" });
  const cancel = done(
    await mock.post("/payments/cancel", "json", { imp_uid: paid.imp_uid, amount: 2000, reason: "부분 환불" }),
  );
  const declined = await keyedPayment(mock, { card_number: "4000000000000002" });
  for (let i = 0; i < 6; i++) await keyedPayment(mock, { channelGroupId: DEMO_GROUP_ID, amount: 3000 + i * 500 });
  const waiting = await smartroVbank(mock);
  const refundingAccount = await smartroVbank(mock, { amount: 8800 });
  done(await deposit(mock, { imp_uid: refundingAccount.imp_uid }));
  done(await mock.post("/payments/cancel", "json", { imp_uid: refundingAccount.imp_uid, ...REFUND_ACCOUNT }));
  const refunding = (await mock.state()).pending_refunds[0];
  const scheduledUid = orderId("sched");
  done(
    await mock.post("/subscribe/payments/schedule", "json", {
      customer_uid: SMARTRO_CUSTOMER,
      schedules: [{ merchant_uid: scheduledUid, schedule_at: START + 86_400, amount: 9900, name: "plan", ...BUYER }],
    }),
  );
  const transfer = done(
    await control(mock, "POST", "/payments", {
      channel_key: SMARTRO,
      pay_method: "trans",
      merchant_uid: orderId("web"),
      amount: 4500,
      // Smartro v2's browser flow requires the buyer's phone (issue 17's request_pay rules).
      buyer_tel: "01012345678",
    }),
  );
  const receiptFields = { identifier: "01012345678", type: "person", buyer_name: "Kim", buyer_tel: "01012345678" };
  const receipt = done(await mock.post(`/receipts/${transfer.imp_uid}`, "json", receiptFields));
  const externalUid = orderId("ext");
  done(
    await mock.post(`/receipts/external/${externalUid}`, "json", {
      channel_key: SMARTRO,
      name: "plan",
      amount: 11000,
      ...receiptFields,
    }),
  );
  const preparedUid = orderId("prep");
  done(await mock.post("/payments/prepare", "json", { merchant_uid: preparedUid, amount: 33000 }));
  const armed = done(await control(mock, "POST", "/failures", { operation: "customer_delete", outcome: "pgError" }));
  return {
    refunded: {
      imp_uid: paid.imp_uid,
      merchant_uid: paid.merchant_uid,
      cancellation_id: cancel.cancel_history[0].cancellation_id,
    },
    declined: { imp_uid: declined.imp_uid },
    waiting: { imp_uid: waiting.imp_uid, merchant_uid: waiting.merchant_uid, amount: waiting.amount },
    refunding: { imp_uid: refundingAccount.imp_uid, cancellation_id: refunding.cancellation_id },
    scheduled: { merchant_uid: scheduledUid },
    cashReceipt: { imp_uid: transfer.imp_uid, receipt_tid: receipt.receipt_tid },
    externalReceipt: { merchant_uid: externalUid },
    prepared: { merchant_uid: preparedUid },
    armedFailureId: armed.id,
  };
}

/** The answer's `response`; a setup step the mock refused stops the test, naming the step. */
function done(answer: Answer): Answer["body"]["response"] {
  if (answer.status !== 200 || answer.body.code !== 0)
    throw new Error(`setup refused: ${answer.status} ${answer.body.code} ${answer.body.message}`);
  return answer.body.response;
}

export interface PageAnswer {
  status: number;
  html: string;
  headers: Headers;
}

/** GET a dashboard page in-process; `query` as the URL would carry it. */
export async function page(mock: TestMock, query: Record<string, string> = {}): Promise<PageAnswer> {
  const search = new URLSearchParams(query).toString();
  const response = await mock.server.app.request(`${UI}${search ? `?${search}` : ""}`);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** POST a dashboard action as its form would, from the view `view`; the redirect is not followed. */
export async function act(
  mock: TestMock,
  action: string,
  form: Record<string, string> = {},
  view: Record<string, string> = {},
): Promise<PageAnswer & { location: string | null }> {
  const search = new URLSearchParams(view).toString();
  const response = await mock.server.app.request(`${UI}/actions/${action}${search ? `?${search}` : ""}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return {
    status: response.status,
    html: await response.text(),
    headers: response.headers,
    location: response.headers.get("location"),
  };
}

/** The text of the page's refusal, or null when it shows none. */
export const refusalOf = (html: string) => /<p class="refusal"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? null;

/** The text of the page's flash, or null when it shows none. */
export const flashOf = (html: string) => /<p class="flash"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? null;
