import { expect, test } from "vitest";
import { demoConfig } from "../../mock-server/config/demo-config.ts";
import { createMockServer, DEMO_GROUP_ID } from "../../mock-server/index.ts";
import { busyMerchant, page, refusalOf, TAB_NAMES, UI } from "../support/dashboard.ts";
import { checkout, createTestMock, SMARTRO_CUSTOMER, START, type TestMock } from "../support/mock.ts";

const EMPTY_STORE = "imp20000000";

/** The demo merchant and a second one with a channel and nothing else. */
const twoMerchants = () =>
  createTestMock({
    config: {
      ...demoConfig,
      merchants: [
        ...demoConfig.merchants,
        {
          store_code: EMPTY_STORE,
          name: "Empty store",
          imp_key: "empty_key",
          imp_secret: "empty_secret",
          channels: [{ channel_key: "channel-key-empty-nice", pg_provider: "nice_v2", pg_id: "nictest00m" }],
        },
      ],
    },
  });

/** Every href, src and action on the page. */
const targets = (html: string) => [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1]!);

test("every tab renders for the demo merchant, each showing what it is about", async () => {
  const mock = twoMerchants();
  const busy = await busyMerchant(mock);
  const expected: Record<(typeof TAB_NAMES)[number], string[]> = {
    payments: [
      busy.refunded.imp_uid,
      busy.refunded.cancellation_id,
      busy.declined.imp_uid,
      busy.waiting.imp_uid,
      busy.cashReceipt.receipt_tid,
      busy.externalReceipt.merchant_uid,
      busy.prepared.merchant_uid,
    ],
    "billing-keys": [SMARTRO_CUSTOMER],
    // A time of 0 ("not yet") shows nothing, not a stray 0.
    schedules: [busy.scheduled.merchant_uid, '<span class="badge scheduled">scheduled</span></td>'],
    webhooks: ["dlv_1_1", busy.refunded.imp_uid],
    routing: [DEMO_GROUP_ID, "channel-key-demo-kcp"],
    notices: [busy.waiting.imp_uid, busy.refunding.cancellation_id],
    failures: [busy.armedFailureId, "customer_delete"],
    journal: ["/subscribe/payments/onetime", "/payments/cancel"],
    clock: [String(START)],
  };
  for (const tab of TAB_NAMES) {
    const { status, html, headers } = await page(mock, { tab });
    expect(status, tab).toBe(200);
    expect(headers.get("content-type"), tab).toMatch(/^text\/html/);
    expect(html.startsWith("<!doctype html>"), tab).toBe(true);
    expect(refusalOf(html), tab).toBeNull();
    for (const text of expected[tab]) expect(html, `${tab} shows ${text}`).toContain(text);
  }
});

test("every tab renders for a merchant with nothing yet, saying so", async () => {
  const mock = twoMerchants();
  await busyMerchant(mock);
  for (const tab of TAB_NAMES) {
    const { status, html } = await page(mock, { tab, store_code: EMPTY_STORE });
    expect(status, tab).toBe(200);
    expect(refusalOf(html), tab).toBeNull();
    expect(html, tab).toContain("Empty store");
    // The demo merchant's things stay on its own pages.
    expect(html, tab).not.toMatch(/imp_\d{12}/);
    if (tab !== "clock") expect(html, tab).toContain('class="empty"');
  }
});

test("the tabs count what they hold, and the merchant's tokens and pick counts show", async () => {
  const mock = createTestMock();
  const busy = await busyMerchant(mock);
  const { html } = await page(mock);
  // 11 payments; an account to deposit into and a refund to transfer; 1 failure armed.
  expect(html).toMatch(/Payments <span class="count">\(11\)<\/span>/);
  expect(html).toMatch(/PG notices <span class="count">\(2\)<\/span>/);
  expect(html).toMatch(/Failures <span class="count">\(1\)<\/span>/);
  const routing = (await page(mock, { tab: "routing" })).html;
  const state = await mock.state();
  for (const member of state.channel_groups[0].channels)
    expect(routing).toMatch(
      new RegExp(`data-channel-key="${member.channel_key}"[\\s\\S]*?class="num picks">${member.picks}<`),
    );
  expect(busy.armedFailureId).toBe(state.armed_failures[0].id);
});

test("the first merchant when the URL names none; every link names the merchant", async () => {
  const mock = twoMerchants();
  const { html } = await page(mock);
  expect(html).toMatch(/<a href="\/__mock\/ui\?store_code=imp10000000" aria-current="page">/);
  const tabLinks = targets(html).filter((target) => target.includes("tab="));
  expect(tabLinks.length).toBeGreaterThanOrEqual(8);
  for (const link of tabLinks) expect(link).toMatch(/store_code=imp(1|2)0000000/);
  const other = await page(mock, { store_code: EMPTY_STORE, tab: "journal" });
  expect(other.html).toContain(`href="/__mock/ui?store_code=${EMPTY_STORE}&amp;tab=journal" aria-current="page"`);
});

test("filters narrow each list and live in the URL", async () => {
  const mock = createTestMock();
  const busy = await busyMerchant(mock);
  const ready = (await page(mock, { status: "ready" })).html;
  expect(ready).toContain(busy.waiting.imp_uid);
  expect(ready).not.toContain(busy.refunded.imp_uid);
  expect(ready).toMatch(/<option value="ready" selected="">ready<\/option>/);
  const byOrder = (await page(mock, { q: busy.refunded.merchant_uid })).html;
  expect(byOrder).toContain(busy.refunded.imp_uid);
  expect(byOrder).not.toContain(busy.waiting.imp_uid);
  const vbanks = (await page(mock, { pay_method: "vbank" })).html;
  expect(vbanks).toContain(busy.waiting.imp_uid);
  expect(vbanks).not.toContain(busy.declined.imp_uid);
  expect((await page(mock, { tab: "schedules", schedule_status: "executed" })).html).not.toContain(
    busy.scheduled.merchant_uid,
  );
  const noUrl = (await page(mock, { tab: "webhooks", state: "no_url", q: busy.waiting.imp_uid })).html;
  expect(noUrl.match(/data-delivery-id=/g)).toHaveLength(1);
  expect((await page(mock, { tab: "webhooks", state: "delivered" })).html).not.toContain("data-delivery-id=");
  const cancels = (await page(mock, { tab: "journal", operation: "cancelPayment" })).html;
  expect(cancels).toContain("/payments/cancel");
  expect(cancels).not.toContain("/subscribe/payments/onetime");
  const newest = (await page(mock, { tab: "journal", limit: "1" })).html;
  expect(newest.match(/<tr><td class="num">/g)).toHaveLength(1);
});

test("an unknown merchant, tab or filter value is refused on the page with a 4xx, never a 500", async () => {
  const mock = createTestMock();
  await busyMerchant(mock);
  const cases: [Record<string, string>, number, string][] = [
    [{ store_code: "imp99999999" }, 404, "notFound"],
    [{ tab: "ledger" }, 400, "invalidRequest"],
    [{ status: "refunded" }, 400, "invalidRequest"],
    [{ tab: "webhooks", state: "lost" }, 400, "invalidRequest"],
    [{ tab: "journal", limit: "0" }, 400, "invalidRequest"],
  ];
  for (const [query, status, kind] of cases) {
    const answer = await page(mock, query);
    expect(answer.status, JSON.stringify(query)).toBe(status);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
    expect(answer.html).toContain(`data-kind="${kind}"`);
    // The merchants are still there to go to.
    expect(answer.html).toContain('href="/__mock/ui?store_code=imp10000000"');
  }
  expect((await page(mock, { tab: "ledger" })).html).toMatch(/tab: /);
  // The merchant the URL named is kept.
  const other = await page(twoMerchants(), { store_code: EMPTY_STORE, tab: "ledger" });
  expect(other.status).toBe(400);
  expect(other.html).toContain(`href="/__mock/ui?store_code=${EMPTY_STORE}" aria-current="page"`);
});

test("everything shown is escaped: names, buyers and the filters echoed back", async () => {
  const mock = createTestMock();
  await checkout(mock, { name: `<img src=x onerror="alert(1)">`, buyer_name: "<b>Kim</b>" });
  const { html } = await page(mock, { q: `"><script>alert(2)</script>` });
  expect(html).not.toContain("<img src=x");
  expect(html).not.toContain("<script");
  expect(html).toContain("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
  const all = (await page(mock)).html;
  expect(all).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  expect(all).toContain("&lt;b&gt;Kim&lt;/b&gt;");
});

test("nothing on any page points beyond the mock: no script, links and forms to its own paths, a CSP that says so", async () => {
  const mock = createTestMock();
  await busyMerchant(mock);
  for (const tab of TAB_NAMES) {
    const { html, headers } = await page(mock, { tab });
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(/i);
    for (const target of targets(html))
      expect(target, `${tab}: ${target}`).toMatch(/^\/__mock\/ui(\/actions\/[a-z-]+)?(\?|$)/);
    expect(headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(headers.get("content-security-policy")).toContain("form-action 'self'");
  }
});

test("without the control API there is no dashboard: its paths answer 404 like any unknown path", async () => {
  const mock = createMockServer({ seed: 1, clock: { start: START }, control: false });
  const get = await mock.app.request(UI);
  expect(get.status).toBe(404);
  expect(get.headers.get("content-type")).toMatch(/^application\/json/);
  const post = await mock.app.request(`${UI}/actions/reset`, { method: "POST" });
  expect(post.status).toBe(404);
});

test("a page reads the state as a control call does: what came due has happened", async () => {
  const mock: TestMock = createTestMock();
  const busy = await busyMerchant(mock);
  mock.server.clock.advance(86_400);
  const { html } = await page(mock, { tab: "schedules" });
  expect(html).toMatch(
    new RegExp(`data-merchant-uid="${busy.scheduled.merchant_uid}"[\\s\\S]*?<span class="badge executed">`),
  );
});
