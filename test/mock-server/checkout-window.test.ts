import { REAL_MESSAGES } from "../../contracts/messages.ts";
import { demoConfig } from "../../mock-server/config/demo-config.ts";
/**
 * The checkout window over HTTP, in-process: the SDK stand-in's files, what the window answers for
 * each refusal (as the SDK's response, posted to the merchant's page or put in the redirect's
 * query), and that no refusal changes anything. The browser suite (test/browser/) drives the same
 * pages in chromium.
 */
import { expect, test } from "vitest";
import { createMockServer } from "../../mock-server/index.ts";
import { createTestMock, KCP, NICE, orderId, SMARTRO, type TestMock } from "../support/mock.ts";

const SHOP = "http://127.0.0.1:3000";
const GROUP = "channel-group-test-5f0c3a6e-8d2b-4c1e-9a7f-2b6d4e8c1a90";

type Fields = Record<string, string>;

function windowForm(params: unknown, extra: Fields = {}): URLSearchParams {
  return new URLSearchParams({
    store_code: "imp10000000",
    params: typeof params === "string" ? params : JSON.stringify(params),
    mode: "pc",
    origin: SHOP,
    window_id: "imp-mock-1",
    ...extra,
  });
}

const post = (mock: TestMock, step: "open" | "complete", body: URLSearchParams | string, type?: string) =>
  mock.server.app.request(`/__checkout/${step}`, {
    method: "POST",
    body,
    ...(type ? { headers: { "content-type": type } } : {}),
  });

/** The message a PC window posts to the merchant's page, read back from the delivery page. */
async function delivered(answer: Response): Promise<{ target: string; response: Record<string, any> }> {
  expect(answer.status).toBe(200);
  const html = await answer.text();
  const match = /parent\.postMessage\((\{.*\}), ("[^"]*")\);/.exec(html);
  if (!match) throw new Error(`no delivery in: ${html.slice(0, 400)}`);
  const message = JSON.parse(match[1]!);
  expect(message).toMatchObject({ type: "iamport-mock:response", window_id: "imp-mock-1" });
  return { target: JSON.parse(match[2]!), response: message.response };
}

const card = (fields: Record<string, unknown> = {}) => ({
  channelKey: KCP,
  pay_method: "card",
  merchant_uid: orderId(),
  name: "chair",
  amount: 1000,
  buyer_tel: "010-1234-5678",
  ...fields,
});

async function expectRefused(answer: Response, error_code: string) {
  const { target, response } = await delivered(answer);
  expect(target).toBe(SHOP);
  expect(response).toMatchObject({ success: false, imp_uid: null, error_code });
  expect(response.error_msg).toEqual(expect.stringMatching(/\S/));
  return response;
}

async function expectNothingChanged(mock: TestMock) {
  const state = await mock.state();
  expect(state.payments).toEqual([]);
  expect(state.billing_keys.map((key: { customer_uid: string }) => key.customer_uid)).toEqual([
    "demo-smartro-customer",
  ]);
  const group = (await mock.call("GET", `/__mock/groups/${GROUP}`, { token: null })).body.response;
  expect(group.channels.every((member: { picks: number }) => member.picks === 0)).toBe(true);
}

test("the SDK stand-in is served at /v1/iamport.js and the versioned name, as JavaScript, also without the control API", async () => {
  for (const control of [true, false]) {
    const mock = createMockServer({ seed: 1, control });
    for (const path of ["/v1/iamport.js", "/js/iamport.payment-1.2.0.js", "/js/iamport.payment-1.1.8.js"]) {
      const answer = await mock.app.request(path);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/javascript; charset=UTF-8");
      expect(await answer.text()).toContain("window.IMP = {");
    }
    expect((await mock.app.request("/js/iamport.payment-latest.js")).status).toBe(404);
  }
});

test("a form the SDK did not post is a 400 page, never a 500, and changes nothing", async () => {
  const mock = createTestMock();
  const broken: [string, URLSearchParams | string, string?][] = [
    ["no fields", new URLSearchParams()],
    ["no origin", windowForm(card(), { origin: "" })],
    ["an origin that is no http(s) URL", windowForm(card(), { origin: "javascript:alert(1)" })],
    ["an unknown mode", windowForm(card(), { mode: "tablet" })],
    ["no window id", windowForm(card(), { window_id: "" })],
    ["JSON instead of a form", JSON.stringify({ params: card() }), "application/json"],
  ];
  for (const [, body, type] of broken) {
    for (const step of ["open", "complete"] as const) {
      const answer = await post(mock, step, body, type);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain("This checkout cannot open");
    }
  }
  const noOutcome = await post(mock, "complete", windowForm(card(), { outcome: "pay" }));
  expect(noOutcome.status).toBe(400);
  await expectNothingChanged(mock);
});

/** A mock whose refusals explain themselves in `message` and `error_msg` (config `messages: explanation`). */
const explainingMock = () => createTestMock({ config: { ...demoConfig, messages: "explanation" } });

test("by default a refusal's error_msg is the service's text; with messages: explanation it is the mock's explanation", async () => {
  const order = windowForm(card({ amount: "1000" }));
  const real = await expectRefused(await post(createTestMock(), "open", order), "INVALID_REQUEST");
  expect(real.error_msg).toBe(REAL_MESSAGES.invalidParameters.text);
  const explained = await expectRefused(await post(explainingMock(), "open", order), "INVALID_REQUEST");
  expect(explained.error_msg).toMatch(/amount/);
});

test("parameters the SDK's contract refuses come back through the callback naming the field, before any window", async () => {
  const mock = explainingMock();
  await expectRefused(await post(mock, "open", windowForm("{not json")), "INVALID_REQUEST");
  await expectRefused(await post(mock, "open", windowForm("[1, 2]")), "INVALID_REQUEST");
  const amount = await expectRefused(await post(mock, "open", windowForm(card({ amount: "1000" }))), "INVALID_REQUEST");
  expect(amount.error_msg).toContain("amount");
  const merchant_uid = await expectRefused(
    await post(mock, "open", windowForm(card({ merchant_uid: "x".repeat(41) }))),
    "INVALID_REQUEST",
  );
  expect(merchant_uid.merchant_uid).toBe("x".repeat(41));
  await expectRefused(await post(mock, "open", windowForm(card(), { store_code: "imp99999999" })), "REJECTED");
  await expectRefused(await post(mock, "open", windowForm(card({ channelKey: "channel-key-nope" }))), "REJECTED");
  await expectNothingChanged(mock);
});

test("Smartro v2's browser rules refuse through the callback: buyer_tel, merchant_uid, vbank_due, customer_id, currency", async () => {
  const mock = explainingMock();
  const smartro = (fields: Record<string, unknown>) =>
    card({ channelKey: SMARTRO, merchant_uid: orderId(), ...fields });
  const refusals: [Record<string, unknown>, string][] = [
    [{ buyer_tel: undefined }, "buyer_tel"],
    [{ merchant_uid: "order-1" }, "merchant_uid"],
    [{ pay_method: "vbank" }, "vbank_due"],
    [{ pay_method: "vbank", vbank_due: 1_767_900_000 }, "vbank_due"],
    [{ pay_method: "vbank", vbank_due: "2026-02-30" }, "vbank_due"],
    [{ customer_uid: "customer1" }, "customer_id"],
    [{ customer_uid: "customer1", customer_id: "c".repeat(21) }, "customer_id"],
    [{ pay_method: "phone" }, "digital"],
    [{ currency: "USD" }, "currency"],
  ];
  for (const [fields, field] of refusals) {
    const response = await expectRefused(await post(mock, "open", windowForm(smartro(fields))), "INVALID_REQUEST");
    expect(response.error_msg).toContain(field);
  }
  await expectNothingChanged(mock);
  // The same order with what Smartro v2 needs opens the window.
  const fine = await post(mock, "open", windowForm(smartro({ pay_method: "vbank", vbank_due: "20260110" })));
  expect(await fine.text()).toContain('data-pg-provider="smartro_v2"');
});

test("a virtual account through a group needs vbank_due, refused before any channel is drawn", async () => {
  const mock = createTestMock();
  const order = card({ channelKey: undefined, channelGroupId: GROUP, pay_method: "vbank" });
  await expectRefused(await post(mock, "open", windowForm(order)), "INVALID_REQUEST");
  await expectRefused(
    await post(mock, "complete", windowForm(order, { outcome: "approve", drawn: "channel-key-demo-kcp" })),
    "INVALID_REQUEST",
  );
  await expectNothingChanged(mock);
});

test("an amount other than the one pre-registered (POST /payments/prepare) is refused at the window and at approval", async () => {
  const mock = createTestMock();
  const merchant_uid = orderId();
  expect((await mock.call("POST", "/payments/prepare", { json: { merchant_uid, amount: 5000 } })).body.code).toBe(0);
  const order = card({ merchant_uid, amount: 4000 });
  const opened = await expectRefused(await post(mock, "open", windowForm(order)), "REJECTED");
  expect(opened.merchant_uid).toBe(merchant_uid);
  await expectRefused(await post(mock, "complete", windowForm(order, { outcome: "approve" })), "REJECTED");
  await expectNothingChanged(mock);
  const paid = await delivered(
    await post(mock, "complete", windowForm(card({ merchant_uid, amount: 5000 }), { outcome: "approve" })),
  );
  expect(paid.response).toMatchObject({ success: true, status: "paid", paid_amount: 5000 });
});

test("approval checks again: an order paid meanwhile is refused, and a drawn channel that is no member is refused without a pick", async () => {
  const mock = createTestMock();
  const order = card();
  const first = await delivered(await post(mock, "complete", windowForm(order, { outcome: "approve" })));
  expect(first.response.status).toBe("paid");
  await expectRefused(await post(mock, "complete", windowForm(order, { outcome: "approve" })), "REJECTED");
  expect((await mock.state()).payments).toHaveLength(1);
  const routed = card({ channelKey: undefined, channelGroupId: GROUP });
  await expectRefused(
    await post(mock, "complete", windowForm(routed, { outcome: "approve", drawn: SMARTRO })),
    "REJECTED",
  );
  const group = (await mock.call("GET", `/__mock/groups/${GROUP}`, { token: null })).body.response;
  expect(group.channels.every((member: { picks: number }) => member.picks === 0)).toBe(true);
  expect((await mock.state()).payments).toHaveLength(1);
});

test("the response has the SDK docs' fields, and only imp_uid, merchant_uid and the error for the PGs the docs name", async () => {
  const mock = createTestMock();
  const kcp = await delivered(await post(mock, "complete", windowForm(card(), { outcome: "approve" })));
  expect(kcp.response).toMatchObject({ success: true, status: "paid", pg_provider: "kcp", pay_method: "card" });
  expect(kcp.response.card_number).toEqual(expect.any(String));
  const nice = await delivered(
    await post(mock, "complete", windowForm(card({ channelKey: NICE }), { outcome: "approve" })),
  );
  expect(Object.keys(nice.response).sort()).toEqual(["imp_uid", "merchant_uid"]);
  const declined = await delivered(
    await post(mock, "complete", windowForm(card({ channelKey: NICE }), { outcome: "decline" })),
  );
  expect(Object.keys(declined.response).sort()).toEqual(["error_code", "error_msg", "imp_uid", "merchant_uid"]);
  expect(declined.response.error_code).toBe("1001");
});

test("on a mobile browser the result goes to m_redirect_url's query; without a usable one it stays on the mock's page", async () => {
  const mock = createTestMock();
  const mobile = (fields: Record<string, unknown>, extra: Fields) =>
    post(mock, "complete", windowForm(card(fields), { mode: "mobile", ...extra }));
  const paid = await mobile({ m_redirect_url: `${SHOP}/done?order=7` }, { outcome: "approve" });
  expect(paid.status).toBe(303);
  const query = Object.fromEntries(new URL(paid.headers.get("location")!).searchParams);
  expect(query).toMatchObject({ order: "7", imp_success: "true", imp_uid: expect.stringMatching(/^imp_\d{12}$/) });
  const closed = await mobile({ m_redirect_url: `${SHOP}/done` }, { outcome: "close" });
  const closedQuery = Object.fromEntries(new URL(closed.headers.get("location")!).searchParams);
  expect(closedQuery).toMatchObject({ imp_success: "false", error_code: "USER_CANCELLED" });
  expect(closedQuery.error_msg).toEqual(expect.stringMatching(/\S/));
  expect(closedQuery.imp_uid).toBeUndefined();
  const notAUrl = await mobile({ m_redirect_url: "/done" }, { outcome: "approve" });
  expect(notAUrl.status).toBe(200);
  expect(await notAUrl.text()).toContain("m_redirect_url is missing");
  const missing = await mobile({}, { outcome: "approve" });
  expect(await missing.text()).toContain("m_redirect_url is missing");
  // Only the first approval paid; the missing-URL one paid too (the PG cannot know), the relative one was refused.
  expect((await mock.state()).payments.map((p: { status: string }) => p.status)).toEqual(["paid", "paid"]);
});

test("the order's tax-free part and VAT (vat_amount) are the payment's, and custom_data comes back as JSON text", async () => {
  const mock = createTestMock();
  const order = card({ amount: 11000, tax_free: 1000, vat_amount: 500, custom_data: { plan: "gold" } });
  const { response } = await delivered(await post(mock, "complete", windowForm(order, { outcome: "approve" })));
  expect(response.custom_data).toBe('{"plan":"gold"}');
  const balance = await mock.call("GET", `/payments/${response.imp_uid}/balance`);
  expect(balance.body.response.amount).toBe(11000);
  expect(JSON.stringify(balance.body.response)).toContain('"tax_free":1000');
  expect(JSON.stringify(balance.body.response)).toContain('"vat":500');
});

test("values from the page cannot break out of the window's script", async () => {
  const mock = createTestMock();
  const answer = await post(
    mock,
    "complete",
    windowForm(card({ name: "</script><script>alert(1)</script>" }), { outcome: "approve" }),
  );
  const html = await answer.text();
  expect(html).not.toContain("<script>alert(1)");
  const { response } = await delivered(new Response(html));
  expect(response.name).toBe("</script><script>alert(1)</script>");
});

test("a virtual account's vbank_due already past or malformed is refused before the window, on a plain channel too", async () => {
  const mock = explainingMock();
  const vbank = (vbank_due: string) => card({ pay_method: "vbank", vbank_due, merchant_uid: orderId() });
  const past = await expectRefused(await post(mock, "open", windowForm(vbank("2020-01-01"))), "REJECTED");
  expect(past.error_msg).toContain("vbank_due");
  const malformed = await expectRefused(await post(mock, "open", windowForm(vbank("not-a-date"))), "INVALID_REQUEST");
  expect(malformed.error_msg).toContain("vbank_due");
  // Unix seconds sent as text are no date either.
  const epoch = await expectRefused(await post(mock, "open", windowForm(vbank("1"))), "INVALID_REQUEST");
  expect(epoch.error_msg).toContain("vbank_due");
  await expectNothingChanged(mock);
  // A deadline still ahead opens the window on the same channel.
  const fine = await post(mock, "open", windowForm(vbank("20260110")));
  expect(await fine.text()).toContain('data-pg-provider="kcp"');
});

test("the journal records a checkout refusal with its operation, code, message and explanation", async () => {
  const mock = createTestMock();
  const order = card({ amount: "1000" });
  const refused = await expectRefused(await post(mock, "open", windowForm(order)), "INVALID_REQUEST");
  const closed = await post(mock, "complete", windowForm(card(), { outcome: "close" }));
  expect((await delivered(closed)).response.error_code).toBe("USER_CANCELLED");
  const journal = (await mock.call("GET", "/__mock/journal", { token: null })).body.response;
  expect(journal[1]).toMatchObject({
    method: "POST",
    path: "/__checkout/open",
    operation: "checkout:open",
    store_code: "imp10000000",
    code: -1,
    message: refused.error_msg,
    explanation: expect.stringContaining("amount"),
  });
  expect(journal[0]).toMatchObject({
    path: "/__checkout/complete",
    operation: "checkout:complete",
    code: 1,
    explanation: "the buyer closed the checkout window",
  });
  // On the mobile redirect the query has the service's text; the journal keeps the explanation.
  const mobile = windowForm(card({ amount: "1000", m_redirect_url: `${SHOP}/done` }), { mode: "mobile" });
  expect((await post(mock, "open", mobile)).status).toBe(303);
  const [redirected] = (await mock.call("GET", "/__mock/journal", { token: null, query: { limit: 1 } })).body.response;
  expect(redirected).toMatchObject({
    operation: "checkout:open",
    status: 303,
    explanation: expect.stringContaining("amount"),
  });
});

test("an unusable window hands its refusal back to the page when it knows the page's origin and window", async () => {
  const mock = createTestMock();
  const noStore = await post(mock, "open", windowForm(card({ merchant_uid: "order-9" }), { store_code: "" }));
  expect(noStore.status).toBe(400);
  const html = await noStore.text();
  expect(html).toContain("This checkout cannot open");
  const { target, response } = await delivered(new Response(html));
  expect(target).toBe(SHOP);
  expect(response).toMatchObject({
    success: false,
    imp_uid: null,
    merchant_uid: "order-9",
    error_code: "INVALID_REQUEST",
  });
  const badOutcome = await post(mock, "complete", windowForm(card(), { outcome: "pay" }));
  expect(badOutcome.status).toBe(400);
  expect((await delivered(new Response(await badOutcome.text()))).response.error_code).toBe("INVALID_REQUEST");
  // Without the page's origin there is nowhere to answer.
  const noOrigin = await post(mock, "open", windowForm(card(), { origin: "" }));
  expect(await noOrigin.text()).not.toContain("postMessage");
  await expectNothingChanged(mock);
});

test("the window's pages send a Content-Security-Policy whose nonce their inline style and script carry, and nosniff", async () => {
  const mock = createTestMock();
  const policyOf = async (answer: Response) => {
    const policy = answer.headers.get("content-security-policy") ?? "";
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    const html = await answer.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    return policy;
  };
  const opened = await policyOf(await post(mock, "open", windowForm(card())));
  expect(opened).toContain("default-src 'none'");
  expect(opened).toContain(`frame-ancestors ${SHOP}`);
  expect(opened).toContain("form-action 'self'");
  expect(opened).toContain("base-uri 'none'");
  // A mobile window's form ends in the redirect to m_redirect_url, whose origin form-action allows.
  const shop = "http://localhost:3001";
  const mobile = windowForm(card({ m_redirect_url: `${shop}/done` }), { mode: "mobile" });
  expect(await policyOf(await post(mock, "open", mobile))).toContain(`form-action 'self' ${shop}`);
  // An origin a source list could not name (a URL parser accepts "a;b" as a host) is no origin.
  const injected = await post(mock, "open", windowForm(card(), { origin: "http://shop;sandbox" }));
  expect(injected.status).toBe(400);
  expect(injected.headers.get("content-security-policy")).not.toContain("sandbox");
  const second = await post(mock, "open", windowForm(card()));
  expect(second.headers.get("content-security-policy")).not.toBe(opened);
  await policyOf(await post(mock, "complete", windowForm(card(), { outcome: "approve" })));
});
