import { DEFAULT_HOST, DEFAULT_PORT } from "../../mock-server/defaults.ts";
/**
 * The browser checkout end to end: a shop page written for PortOne's SDK, on its own localhost
 * origin, loads the mock's `/v1/iamport.js` and pays through the checkout window, driven by
 * Debian's chromium (one browser for the file). Every request a page makes is recorded, and each
 * test checks that none left the shop's and the mock's origins. Skipped, with the reason printed,
 * where no chromium is installed (never in CI).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { artefactsDir, browserSuiteSkipReason, launchChromium, type LaunchedBrowser } from "../support/browser.ts";
import { createTestMock, orderId, type TestMock } from "../support/mock.ts";
import { mockWith, receiver } from "../support/webhooks.ts";
import { shopPage, startShop, type Shop } from "./pages/shop.ts";

// Loaded at run time, by a path the type-checker does not follow: its types come from
// iamport-typings and are checked by its own tsconfig (see the file).
const SHOP_CODE = "./pages/shop-code.ts";
type Order = "cardThroughGroup" | "vbank" | "declinedCard" | "smartroWithoutTel" | "redirect" | "billingKey";
interface ShopCodeModule {
  shopCode: (...args: never[]) => void;
  orders: Record<Order, (context: { merchant_uid: string; shopUrl: string; group: string }) => Record<string, any>>;
}

const DEMO_GROUP = "channel-group-test-5f0c3a6e-8d2b-4c1e-9a7f-2b6d4e8c1a90";
const STORE = "imp10000000";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

const skipReason = browserSuiteSkipReason();
const browserTest = test.skipIf(skipReason !== undefined);

let launched: LaunchedBrowser;
let shop: Shop;
let shopModule: ShopCodeModule;

beforeAll(async () => {
  if (skipReason) return;
  launched = await launchChromium();
  shop = await startShop();
  shopModule = (await import(/* @vite-ignore */ SHOP_CODE)) as ShopCodeModule;
  mkdirSync(artefactsDir, { recursive: true });
});

afterAll(async () => {
  await shop?.close();
  await launched?.close();
});

interface Session {
  mock: TestMock;
  mockUrl: string;
  context: BrowserContext;
  page: Page;
  /** Every URL a page of this session asked for, the frame that asked, and whether it was a navigation. */
  requests: { url: string; frameUrl: string; navigation: boolean }[];
  close(): Promise<void>;
}

async function session(options: { userAgent?: string; mock?: TestMock } = {}): Promise<Session> {
  const mock = options.mock ?? createTestMock();
  const { url: mockUrl } = await mock.server.listen(0);
  const context = await launched.browser.newContext(options.userAgent ? { userAgent: options.userAgent } : {});
  const requests: Session["requests"] = [];
  context.on("request", (request) =>
    requests.push({ url: request.url(), frameUrl: request.frame().url(), navigation: request.isNavigationRequest() }),
  );
  const page = await context.newPage();
  return {
    mock,
    mockUrl,
    context,
    page,
    requests,
    async close() {
      await context.close();
      await mock.server.close();
    },
  };
}

/** Opens the shop's order page for `order`, paying in `style` (the page calls `IMP.init(store)`). */
async function openShop(s: Session, order: Order, style: "callback" | "promise" = "callback", store = STORE) {
  const merchant_uid = orderId("shop");
  const params = shopModule.orders[order]({ merchant_uid, shopUrl: shop.url, group: DEMO_GROUP });
  const path = `/order/${merchant_uid}`;
  const html = shopPage(`${s.mockUrl}/v1/iamport.js`, shopModule.shopCode.toString(), [store, params, style]);
  await s.page.goto(shop.page(path, html));
  return { merchant_uid, params };
}

const checkoutFrame = (page: Page) => page.frameLocator("iframe[name^='imp-mock-']");

/** The response the shop's callback (or promise) received. */
async function shopResult(page: Page): Promise<Record<string, any>> {
  const result = page.locator("#result:not(:empty)");
  await result.waitFor();
  return JSON.parse((await result.textContent())!);
}

/**
 * Nothing reached beyond the shop's origin and the mock's; the checkout window loaded nothing but
 * the mock's (its one way out is the navigation back to the shop's m_redirect_url).
 */
function expectOnlyLocalOrigins(s: Session) {
  const mockOrigin = new URL(s.mockUrl).origin;
  const shopOrigin = new URL(shop.url).origin;
  expect(s.requests.length).toBeGreaterThan(0);
  for (const { url } of s.requests) expect([mockOrigin, shopOrigin]).toContain(new URL(url).origin);
  const fromCheckout = s.requests.filter(
    ({ frameUrl, navigation }) => frameUrl.startsWith(`${mockOrigin}/__checkout`) && !navigation,
  );
  for (const { url } of fromCheckout) expect(new URL(url).origin).toBe(mockOrigin);
}

/** Runs `body` in a fresh session, then checks the origins of every request it made. */
async function inSession(body: (s: Session) => Promise<void>, options: { userAgent?: string; mock?: TestMock } = {}) {
  const s = await session(options);
  try {
    await body(s);
    expectOnlyLocalOrigins(s);
  } finally {
    await s.close();
  }
}

async function payment(s: Session, imp_uid: string) {
  const answer = await s.mock.call("GET", `/payments/${imp_uid}`);
  expect(answer.body.code).toBe(0);
  return answer.body.response;
}

browserTest(
  "a card payment through the demo group: the window shows the drawn channel, the callback gets the payment, the pick is counted",
  () =>
    inSession(async (s) => {
      const { merchant_uid } = await openShop(s, "cardThroughGroup");
      await s.page.click("#pay");
      const frame = checkoutFrame(s.page);
      const channel = frame.locator("#channel");
      await channel.waitFor();
      const drawn = await channel.getAttribute("data-pg-provider");
      expect(["nice_v2", "kcp", "tosspayments"]).toContain(drawn);
      expect(await frame.locator("#amount").textContent()).toBe("64,900원");
      expect(await frame.locator("#buyer").textContent()).toContain("홍길동");
      await s.page.screenshot({ path: join(artefactsDir, "checkout.png") });
      await frame.getByRole("button", { name: /approve/ }).click();
      const response = await shopResult(s.page);
      expect(response.merchant_uid).toBe(merchant_uid);
      expect(response.error_code).toBeUndefined();
      expect(response.imp_uid).toMatch(/^imp_\d{12}$/);
      // The overlay is gone once the callback ran.
      expect(await s.page.locator("iframe[name^='imp-mock-']").count()).toBe(0);
      const paid = await payment(s, response.imp_uid);
      expect(paid).toMatchObject({ status: "paid", pg_provider: drawn, amount: 64900, channel: "pc" });
      const group = (await s.mock.call("GET", `/__mock/groups/${DEMO_GROUP}`, { token: null })).body.response;
      const picks = group.channels.map((member: { picks: number }) => member.picks);
      expect(picks.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    }),
);

/** The order page in the README's "Browser checkout" section, exactly as written there. */
function readmePage(): string {
  const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Browser checkout"));
  const html = /```html\n([\s\S]*?)```/.exec(section)?.[1];
  if (!html) throw new Error("the README's Browser checkout section has no html block");
  return html;
}

browserTest("the README's page, written for PortOne's SDK, works with only the script URL changed", () =>
  inSession(async (s) => {
    const html = readmePage();
    // The README's page names the mock at its default address.
    const readmeMock = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
    expect(html).toContain(`<script src="${readmeMock}/v1/iamport.js"></script>`);
    await s.page.goto(shop.page("/readme-order", html.replaceAll(readmeMock, s.mockUrl)));
    await s.page.click("#pay");
    const approve = checkoutFrame(s.page).getByRole("button", { name: /approve/ });
    await approve.waitFor();
    // The page's callback tells its own server, as PortOne's guide has it.
    const told = s.page.waitForRequest((request) => request.url() === `${shop.url}/payments/complete`);
    await approve.click();
    const { imp_uid } = JSON.parse((await told).postData()!);
    expect(await payment(s, imp_uid)).toMatchObject({ status: "paid", merchant_uid: "ORD20260101001", amount: 64900 });
  }),
);

browserTest(
  "a virtual account: issued in status ready with its account in the callback, paid by the PG's deposit notice",
  () =>
    inSession(async (s) => {
      await openShop(s, "vbank");
      await s.page.click("#pay");
      await checkoutFrame(s.page)
        .getByRole("button", { name: /approve/ })
        .click();
      const response = await shopResult(s.page);
      // KCP answers with the full set of fields.
      expect(response).toMatchObject({ success: true, status: "ready", pay_method: "vbank", pg_provider: "kcp" });
      expect(response.vbank_num).toMatch(/^\d{14}$/);
      expect(typeof response.vbank_date).toBe("number");
      expect((await payment(s, response.imp_uid)).status).toBe("ready");
      const deposit = await s.mock.call("POST", "/__mock/pg-notices", {
        token: null,
        json: { kind: "deposit", imp_uid: response.imp_uid },
      });
      expect(deposit.body.code).toBe(0);
      expect((await payment(s, response.imp_uid)).status).toBe("paid");
      const causes = (await s.mock.deliveries({ imp_uid: response.imp_uid })).map((d) => d.cause);
      expect(causes).toEqual(expect.arrayContaining(["vbank_issued", "vbank_deposit"]));
    }),
);

browserTest("a declined card comes back through the callback as failed, with the PG's code and message", () =>
  inSession(async (s) => {
    await openShop(s, "declinedCard");
    await s.page.click("#pay");
    await checkoutFrame(s.page)
      .getByRole("button", { name: /decline/ })
      .click();
    const response = await shopResult(s.page);
    expect(response).toMatchObject({ success: false, status: "failed" });
    expect(response.error_code).toEqual(expect.any(String));
    expect(response.error_msg).toEqual(expect.stringMatching(/\S/));
    expect((await payment(s, response.imp_uid)).status).toBe("failed");
  }),
);

browserTest("Smartro v2's browser rules refuse through the callback before any window or payment", () =>
  inSession(async (s) => {
    await openShop(s, "smartroWithoutTel");
    await s.page.click("#pay");
    const response = await shopResult(s.page);
    expect(response.success).toBe(false);
    expect(response.imp_uid).toBeNull();
    expect(response.error_code).toEqual(expect.any(String));
    expect(response.error_msg).toEqual(expect.stringMatching(/\S/));
    expect((await s.mock.state()).payments).toEqual([]);
  }),
);

browserTest(
  "a mobile browser leaves for the checkout and comes back to m_redirect_url with the result in the query",
  () =>
    inSession(
      async (s) => {
        const { merchant_uid } = await openShop(s, "redirect");
        await s.page.click("#pay");
        // The checkout is the whole page now, not an overlay.
        await s.page.waitForURL(`${s.mockUrl}/__checkout/open`);
        await s.page.getByRole("button", { name: /approve/ }).click();
        await s.page.waitForURL(/\/payments\/complete\?/);
        const query = Object.fromEntries(new URL(s.page.url()).searchParams);
        expect(query).toMatchObject({ merchant_uid, imp_success: "true" });
        expect(query.error_code).toBeUndefined();
        expect(await payment(s, query.imp_uid!)).toMatchObject({
          status: "paid",
          channel: "mobile",
          pg_provider: "html5_inicis",
        });
      },
      { userAgent: IPHONE },
    ),
);

browserTest("the billing-key window (customer_uid) stores the card as a billing key the API can pay with", () =>
  inSession(async (s) => {
    const { params } = await openShop(s, "billingKey");
    await s.page.click("#pay");
    await checkoutFrame(s.page)
      .getByRole("button", { name: /approve/ })
      .click();
    const response = await shopResult(s.page);
    expect(response).toMatchObject({ success: true, status: "paid" });
    const key = await s.mock.call("GET", `/subscribe/customers/${params.customer_uid}`);
    expect(key.body.response).toMatchObject({
      customer_uid: params.customer_uid,
      customer_id: "gildong",
      pg_provider: "kcp",
    });
    const again = await s.mock.call("POST", "/subscribe/payments/again", {
      json: { customer_uid: params.customer_uid, merchant_uid: orderId(), amount: 1000, name: "monthly" },
    });
    expect(again.body.response.status).toBe("paid");
  }),
);

browserTest("the promise form, and the window closed from the keyboard: Escape closes it, nothing is paid", () =>
  inSession(async (s) => {
    const { merchant_uid } = await openShop(s, "declinedCard", "promise");
    await s.page.click("#pay");
    const approve = checkoutFrame(s.page).getByRole("button", { name: /approve/ });
    await approve.waitFor();
    // The window takes focus on its approve button; Tab reaches the others, Escape closes.
    expect(await approve.evaluate((button) => button.matches(":focus"))).toBe(true);
    await s.page.keyboard.press("Escape");
    const response = await shopResult(s.page);
    expect(response).toMatchObject({ success: false, imp_uid: null, merchant_uid });
    expect(response.error_msg).toEqual(expect.stringMatching(/\S/));
    expect((await s.mock.state()).payments).toEqual([]);
  }),
);

browserTest("a window that cannot be used still calls back, and the next request_pay opens a window", () =>
  inSession(async (s) => {
    // IMP.init("") names no store: the window the SDK opens cannot be used (the mock's 400 page).
    const { merchant_uid } = await openShop(s, "declinedCard", "callback", "");
    const unusable = s.page.waitForResponse((response) => response.url().endsWith("/__checkout/open"));
    await s.page.click("#pay");
    expect((await unusable).status()).toBe(400);
    const refused = await shopResult(s.page);
    expect(refused).toMatchObject({ success: false, imp_uid: null, merchant_uid, error_code: "INVALID_REQUEST" });
    expect(refused.error_msg).toEqual(expect.stringMatching(/\S/));
    expect(await s.page.locator("iframe[name^='imp-mock-']").count()).toBe(0);
    // The SDK is free again: with the store named, the same button opens a window and pays.
    await s.page.evaluate(
      `window.IMP.init(${JSON.stringify(STORE)}); document.getElementById("result").textContent = "";`,
    );
    await s.page.click("#pay");
    await checkoutFrame(s.page)
      .getByRole("button", { name: /approve/ })
      .click();
    const paid = await shopResult(s.page);
    expect(paid).toMatchObject({ success: true, status: "paid", merchant_uid });
  }),
);

browserTest(
  "the window's pages carry a Content-Security-Policy and nosniff, and their inline style and script still run",
  () =>
    inSession(async (s) => {
      const pages: { url: string; policy: string | undefined; nosniff: string | undefined }[] = [];
      s.context.on("response", (response) => {
        if (!response.url().includes("/__checkout/")) return;
        const headers = response.headers();
        pages.push({
          url: new URL(response.url()).pathname,
          policy: headers["content-security-policy"],
          nosniff: headers["x-content-type-options"],
        });
      });
      const violations: string[] = [];
      s.page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await openShop(s, "declinedCard");
      await s.page.click("#pay");
      const approve = checkoutFrame(s.page).getByRole("button", { name: /approve/ });
      await approve.waitFor();
      // The inline script focused the button; the inline style coloured it.
      await expect.poll(() => approve.evaluate((button) => button.matches(":focus"))).toBe(true);
      expect(await approve.evaluate((button) => (globalThis as any).getComputedStyle(button).backgroundColor)).toBe(
        "rgb(10, 88, 202)",
      );
      await approve.click();
      // The delivery page's inline script posted the response back.
      expect(await shopResult(s.page)).toMatchObject({ success: true, status: "paid" });
      expect(pages.map((p) => p.url)).toEqual(["/__checkout/open", "/__checkout/complete"]);
      for (const { policy, nosniff } of pages) {
        expect(nosniff).toBe("nosniff");
        expect(policy).toMatch(/default-src 'none'/);
        expect(policy).toMatch(/script-src 'nonce-[^']+'/);
        expect(policy).toContain(`frame-ancestors ${new URL(shop.url).origin}`);
      }
      expect(violations).toEqual([]);
    }),
);

browserTest(
  "issue 17's vbank story: the shop pays by virtual account, the dashboard deposits into it, the shop's webhook receiver gets paid",
  async () => {
    const hook = await receiver();
    await inSession(
      async (s) => {
        await openShop(s, "vbank");
        await s.page.click("#pay");
        await checkoutFrame(s.page)
          .getByRole("button", { name: /approve/ })
          .click();
        const account = await shopResult(s.page);
        expect(account).toMatchObject({ success: true, status: "ready", pay_method: "vbank" });
        await hook.waitFor((r) => r.body.imp_uid === account.imp_uid && r.body.status === "ready");
        // The dashboard's notices tab lists the waiting account; its Deposit button pays into it.
        await s.page.goto(`${s.mockUrl}/__mock/ui?${new URLSearchParams({ store_code: STORE, tab: "notices" })}`);
        const row = s.page.locator(`#waiting-accounts tr[data-imp-uid="${account.imp_uid}"]`);
        await row.locator('input[name="depositor_name"]').fill("홍길동");
        await row.getByRole("button", { name: "Deposit" }).click();
        await s.page.waitForURL(/flash=deposited/);
        const webhook = await hook.waitFor((r) => r.body.imp_uid === account.imp_uid && r.body.status === "paid");
        expect(webhook.body.merchant_uid).toBe(account.merchant_uid);
        expect(await payment(s, account.imp_uid)).toMatchObject({ status: "paid", amount: 15000 });
      },
      { mock: mockWith({ url: hook.url }) },
    );
  },
);
