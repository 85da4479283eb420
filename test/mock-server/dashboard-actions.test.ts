/**
 * The dashboard's buttons without a browser: each posts its form, and either redirects back to the
 * page it came from with the outcome (303) or shows the refusal there with a 4xx status and leaves
 * everything as it was.
 */
import { expect, test } from "vitest";
import { act, busyMerchant, flashOf, page, refusalOf } from "../support/dashboard.ts";
import { createTestMock, NICE, START, type TestMock } from "../support/mock.ts";
import { control, onetime, smartroVbank } from "../support/requests.ts";
import { mockWith, receiver, settledDeliveries } from "../support/webhooks.ts";

const VIEW = { store_code: "imp10000000", tab: "notices" };

/** Everything a refused action must leave as it was: the merchant's state, the webhooks owed, the clock. */
async function everything(mock: TestMock) {
  return { state: await mock.state(), deliveries: await mock.deliveries(), now: mock.server.clock.now() };
}

/** A refusal: shown on the page it came from with `status` and `kind`, nothing changed. */
async function expectRefused(
  mock: TestMock,
  action: string,
  form: Record<string, string>,
  status: number,
  kind: string,
  view: Record<string, string> = VIEW,
) {
  const before = await everything(mock);
  const answer = await act(mock, action, form, view);
  expect(answer.status, `${action} ${JSON.stringify(form)}`).toBe(status);
  expect(answer.location).toBeNull();
  expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
  expect(answer.html).toContain(`data-kind="${kind}"`);
  expect(flashOf(answer.html)).toBeNull();
  expect(await everything(mock)).toEqual(before);
  return answer;
}

/** Follows an action's redirect: the page it leads to, with its flash. */
async function followed(mock: TestMock, location: string | null) {
  expect(location).not.toBeNull();
  const response = await mock.server.app.request(location!);
  expect(response.status).toBe(200);
  return flashOf(await response.text());
}

test("deposit: the account is paid, the merchant's webhook is owed, and the page it came from says so", async () => {
  const mock = createTestMock();
  const account = await smartroVbank(mock);
  const answer = await act(
    mock,
    "deposit",
    { imp_uid: account.imp_uid, amount: "15000", depositor_name: "김입금" },
    VIEW,
  );
  expect(answer.status).toBe(303);
  expect(answer.location).toBe(
    `/__mock/ui?store_code=imp10000000&tab=notices&flash=deposited&subject=${account.imp_uid}`,
  );
  const payment = (await mock.state()).payments.find((p: { imp_uid: string }) => p.imp_uid === account.imp_uid);
  expect(payment).toMatchObject({ status: "paid", paid_at: START });
  expect(payment.deposit_history).toMatchObject([{ amount: 15000, depositor_name: "김입금" }]);
  expect((await mock.owedWebhooks()).at(-1)).toMatchObject({
    imp_uid: account.imp_uid,
    status: "paid",
    cause: "vbank_deposit",
  });
  expect(await followed(mock, answer.location)).toContain(account.imp_uid);
  // The amount left out is the account's, as on the control API.
  const second = await smartroVbank(mock);
  expect((await act(mock, "deposit", { imp_uid: second.imp_uid, amount: "" }, VIEW)).status).toBe(303);
});

test("deposit refusals: a paid account, another amount, an unknown payment or merchant, no imp_uid", async () => {
  const mock = createTestMock();
  const account = await smartroVbank(mock);
  const card = (await onetime(mock)).body.response;
  await expectRefused(mock, "deposit", { imp_uid: account.imp_uid, amount: "14999" }, 422, "rejected");
  await expectRefused(mock, "deposit", { imp_uid: card.imp_uid }, 422, "rejected");
  await expectRefused(mock, "deposit", { imp_uid: "imp_000000000000" }, 404, "notFound");
  await expectRefused(mock, "deposit", {}, 400, "invalidRequest");
  await expectRefused(mock, "deposit", { amount: "lots", imp_uid: account.imp_uid }, 400, "invalidRequest");
  await expectRefused(mock, "deposit", { imp_uid: account.imp_uid }, 404, "notFound", {
    store_code: "imp99999999",
  });
  // Still waiting: the refusals took nothing.
  expect((await act(mock, "deposit", { imp_uid: account.imp_uid }, VIEW)).status).toBe(303);
  await expectRefused(mock, "deposit", { imp_uid: account.imp_uid }, 422, "rejected");
});

test("refund transfer: transferred shows the refund on the payment; failed drops it; with nothing waiting it is refused", async () => {
  const mock = createTestMock();
  const busy = await busyMerchant(mock);
  const { imp_uid, cancellation_id } = busy.refunding;
  await expectRefused(
    mock,
    "refund-transfer",
    { imp_uid, cancellation_id: "no-such-refund", outcome: "transferred" },
    422,
    "rejected",
  );
  await expectRefused(mock, "refund-transfer", { imp_uid, outcome: "bounced" }, 400, "invalidRequest");
  const done = await act(mock, "refund-transfer", { imp_uid, cancellation_id, outcome: "transferred" }, VIEW);
  expect(done.status).toBe(303);
  expect(await followed(mock, done.location)).toContain(imp_uid);
  const state = await mock.state();
  expect(state.pending_refunds).toEqual([]);
  expect(state.payments.find((p: { imp_uid: string }) => p.imp_uid === imp_uid)).toMatchObject({
    status: "cancelled",
    cancel_history: [{ cancellation_id }],
  });
  await expectRefused(mock, "refund-transfer", { imp_uid, outcome: "transferred" }, 422, "rejected");
});

test("a failed refund transfer drops the refund, and the flash says it bounced", async () => {
  const mock = createTestMock();
  const busy = await busyMerchant(mock);
  const { imp_uid } = busy.refunding;
  const done = await act(mock, "refund-transfer", { imp_uid, outcome: "failed" }, VIEW);
  expect(done.location).toContain("flash=refund-bounced");
  const state = await mock.state();
  expect(state.pending_refunds).toEqual([]);
  expect(state.payments.find((p: { imp_uid: string }) => p.imp_uid === imp_uid)).toMatchObject({
    status: "paid",
    cancel_amount: 0,
  });
});

test("advance the clock: time moves, what came due runs; a negative or non-numeric move is refused", async () => {
  const mock = createTestMock();
  const busy = await busyMerchant(mock);
  const view = { store_code: "imp10000000", tab: "schedules" };
  await expectRefused(mock, "advance-clock", { seconds: "-5" }, 400, "invalidRequest", view);
  await expectRefused(mock, "advance-clock", { seconds: "soon" }, 400, "invalidRequest", view);
  await expectRefused(mock, "advance-clock", {}, 400, "invalidRequest", view);
  const done = await act(mock, "advance-clock", { seconds: "86400" }, view);
  expect(done.status).toBe(303);
  expect(done.location).toMatch(/^\/__mock\/ui\?store_code=imp10000000&tab=schedules&flash=advanced/);
  expect(mock.server.clock.now()).toBe(START + 86_400);
  expect(await followed(mock, done.location)).toContain("2026-01-02 09:00:00 KST");
  const schedule = (await mock.state()).schedules.find(
    (s: { merchant_uid: string }) => s.merchant_uid === busy.scheduled.merchant_uid,
  );
  expect(schedule).toMatchObject({ schedule_status: "executed", payment_status: "paid" });
});

test("arm a failure: the next API call meets it; naming both or neither target, or an unknown channel, is refused", async () => {
  const mock = createTestMock();
  const view = { store_code: "imp10000000", tab: "failures" };
  await expectRefused(mock, "arm-failure", { outcome: "serverError" }, 400, "invalidRequest", view);
  await expectRefused(
    mock,
    "arm-failure",
    { channel_key: NICE, operation: "onetime", outcome: "serverError" },
    400,
    "invalidRequest",
    view,
  );
  await expectRefused(
    mock,
    "arm-failure",
    { channel_key: "channel-key-nowhere", outcome: "decline" },
    400,
    "invalidRequest",
    view,
  );
  await expectRefused(mock, "arm-failure", { operation: "onetime", outcome: "explode" }, 400, "invalidRequest", view);
  const armed = await act(mock, "arm-failure", { operation: "onetime", outcome: "serverError", count: "1" }, view);
  expect(armed.status).toBe(303);
  const [failure] = (await mock.state()).armed_failures;
  expect(failure).toMatchObject({ operation: "onetime", outcome: "serverError", remaining: 1, channel_key: null });
  expect(await followed(mock, armed.location)).toContain(failure.id);
  expect((await onetime(mock)).status).toBe(500);
  expect((await onetime(mock)).status).toBe(200);
  const declines = await act(mock, "arm-failure", { channel_key: NICE, outcome: "decline", count: "2" }, view);
  expect(declines.status).toBe(303);
  expect((await onetime(mock)).body.response.status).toBe("failed");
});

test("disarm every failure", async () => {
  const mock = createTestMock();
  await control(mock, "POST", "/failures", { operation: "again", outcome: "pgError", count: 3 });
  const done = await act(mock, "disarm-failures", {}, { tab: "failures" });
  expect(done.status).toBe(303);
  expect(await followed(mock, done.location)).toContain("1 armed failure(s) disarmed");
  expect((await mock.state()).armed_failures).toEqual([]);
});

test("resend one webhook: one more attempt now, recorded on the delivery; none without a URL, an unknown or no id", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url });
  hook.failNext(1, "error500");
  const paid = (await onetime(mock)).body.response;
  const [failed] = await settledDeliveries(mock);
  expect(failed).toMatchObject({ imp_uid: paid.imp_uid, state: "failed" });
  const view = { store_code: "imp10000000", tab: "webhooks", state: "failed" };
  await expectRefused(mock, "resend-webhook", { delivery_id: "dlv_404_1" }, 404, "notFound", view);
  await expectRefused(mock, "resend-webhook", {}, 400, "invalidRequest", view);
  const done = await act(mock, "resend-webhook", { delivery_id: failed.id }, view);
  expect(done.status).toBe(303);
  expect(done.location).toContain(`flash=resent&subject=${failed.id}`);
  expect(done.location).toContain("state=failed");
  const [resent] = await settledDeliveries(mock);
  expect(resent).toMatchObject({ id: failed.id, state: "delivered" });
  expect(resent.attempts.map((a: { kind: string; status: number }) => [a.kind, a.status])).toEqual([
    ["first", 500],
    ["redelivery", 200],
  ]);
  expect(hook.received.filter((r) => r.body.imp_uid === paid.imp_uid)).toHaveLength(2);
  // Without a URL there is nothing to resend to.
  const silent = createTestMock();
  await onetime(silent);
  const [unsent] = await silent.deliveries();
  await expectRefused(silent, "resend-webhook", { delivery_id: unsent.id }, 409, "conflict", view);
});

test("resend every failed webhook", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url });
  hook.failNext(2, "error500");
  await onetime(mock);
  await onetime(mock);
  expect((await settledDeliveries(mock)).map((d) => d.state)).toEqual(["failed", "failed"]);
  const done = await act(mock, "resend-failed-webhooks", {}, { tab: "webhooks" });
  expect(done.status).toBe(303);
  expect(done.location).toContain("flash=resent-failed&subject=2");
  expect((await settledDeliveries(mock)).map((d) => d.state)).toEqual(["delivered", "delivered"]);
  // Nothing failed is left: a second press resends nothing.
  expect((await act(mock, "resend-failed-webhooks", {}, { tab: "webhooks" })).location).toContain("subject=0");
});

test("reset: back to the configured state, the clock rewound", async () => {
  const mock = createTestMock();
  await busyMerchant(mock);
  mock.server.clock.advance(3600);
  const done = await act(mock, "reset", {}, { tab: "clock" });
  expect(done.status).toBe(303);
  expect(await followed(mock, done.location)).toContain("The mock was reset");
  const state = await mock.state();
  expect(state.payments).toEqual([]);
  expect(state.armed_failures).toEqual([]);
  expect(mock.server.clock.now()).toBe(START);
  expect(await mock.deliveries()).toEqual([]);
});

test("every action from the page of an unknown merchant is refused before it does anything, those that name no merchant too", async () => {
  const mock = createTestMock();
  const busy = await busyMerchant(mock);
  const nowhere = { store_code: "imp99999999" };
  const forms: Record<string, Record<string, string>> = {
    deposit: { imp_uid: busy.waiting.imp_uid },
    "refund-transfer": { imp_uid: busy.refunding.imp_uid },
    "advance-clock": { seconds: "60" },
    "arm-failure": { operation: "onetime", outcome: "serverError" },
    "disarm-failures": {},
    "resend-webhook": { delivery_id: "dlv_1_1" },
    "resend-failed-webhooks": {},
    reset: {},
  };
  for (const [action, form] of Object.entries(forms)) await expectRefused(mock, action, form, 404, "notFound", nowhere);
});

test("an unknown action, a malformed view or a GET on an action is refused, never a 500, and changes nothing", async () => {
  const mock = createTestMock();
  await busyMerchant(mock);
  const unknown = await expectRefused(mock, "refund-everything", {}, 404, "notFound");
  expect(refusalOf(unknown.html)).toContain("refund-everything");
  await expectRefused(mock, "reset", {}, 400, "invalidRequest", { tab: "ledger" });
  await expectRefused(mock, "toString", {}, 404, "notFound");
  const get = await mock.server.app.request("/__mock/ui/actions/reset");
  expect(get.status).toBe(404);
  expect((await mock.state()).payments).toHaveLength(11);
});

test("a page after an action shows the same filters it was on", async () => {
  const mock = createTestMock();
  const account = await smartroVbank(mock);
  const done = await act(mock, "deposit", { imp_uid: account.imp_uid }, { tab: "payments", pay_method: "vbank" });
  expect(done.location).toBe(`/__mock/ui?pay_method=vbank&flash=deposited&subject=${account.imp_uid}`);
  const { html } = await page(mock, { tab: "payments", pay_method: "vbank" });
  expect(html).toMatch(/<option value="vbank" selected="">/);
  expect(html).toMatch(new RegExp(`data-imp-uid="${account.imp_uid}"[\\s\\S]*?<span class="badge paid">`));
});

test("a button posted from another site's page (a cross-site form) is refused with 403 and changes nothing", async () => {
  const mock = createTestMock();
  await busyMerchant(mock);
  const before = await everything(mock);
  const post = (headers: Record<string, string>) =>
    mock.server.app.request("/__mock/ui/actions/reset", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: "",
    });
  for (const headers of <Record<string, string>[]>[
    { origin: "https://shop.example" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site", origin: "http://localhost:9999" },
  ]) {
    const answer = await post(headers);
    expect(answer.status, JSON.stringify(headers)).toBe(403);
  }
  expect(await everything(mock)).toEqual(before);
  // The dashboard's own pages post with their own origin, and that works.
  const own = await post({ origin: "http://localhost", "sec-fetch-site": "same-origin" });
  expect(own.status).toBe(303);
  expect((await mock.state()).payments).toEqual([]);
});
