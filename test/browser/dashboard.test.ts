/**
 * The dashboard in a real browser (Debian's chromium through playwright-core): its buttons do what
 * they say, seen both on the page and through the API and the merchant's webhook receiver, and the
 * page loads nothing from anywhere but the mock. Skipped, with the reason printed, where no chromium
 * is installed (never in CI). One browser for the file; a fresh mock and browser context per test.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { DEMO_GROUP_ID } from "../../mock-server/index.ts";
import { artefactsDir, browserSuiteSkipReason, launchChromium, type LaunchedBrowser } from "../support/browser.ts";
import { busyMerchant, TAB_NAMES } from "../support/dashboard.ts";
import { NICE, START, type TestMock } from "../support/mock.ts";
import {
  control,
  keyedPayment,
  onetime,
  ONETIME,
  onetimeBody,
  REFUND_ACCOUNT,
  smartroVbank,
} from "../support/requests.ts";
import { mockWith, receiver } from "../support/webhooks.ts";

const skipReason = browserSuiteSkipReason();
const STORE = "imp10000000";

let launched: LaunchedBrowser | undefined;
let opened: { context: BrowserContext; requests: string[]; origin: string }[] = [];

beforeAll(async () => {
  if (skipReason === undefined) launched = await launchChromium();
}, 60_000);
afterAll(async () => {
  await launched?.close();
});
afterEach(async () => {
  // Whatever a test did, its pages asked nothing of any other origin.
  for (const { context, requests, origin } of opened.splice(0)) {
    await context.close();
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith(`${origin}/`), url).toBe(true);
  }
});

/** A mock listening on loopback whose merchant webhooks go to a recording receiver. */
async function listeningMock() {
  const hook = await receiver();
  const mock = mockWith({ url: hook.url });
  const { url } = await mock.server.listen(0);
  return { hook, mock, url };
}

/** A page in a fresh context (a laptop's screen) that records every request it makes. */
async function browse(origin: string): Promise<Page> {
  const context = await launched!.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  opened.push({ context, requests, origin });
  return context.newPage();
}

const dashboard = (origin: string, query: Record<string, string> = {}) =>
  `${origin}/__mock/ui?${new URLSearchParams({ store_code: STORE, ...query })}`;

function screenshotPath(name: string): string {
  mkdirSync(artefactsDir, { recursive: true });
  return join(artefactsDir, name);
}

async function overHttp(url: string, mock: TestMock, path: string, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: await mock.token() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { code: number; response: any } };
}

describe.skipIf(skipReason !== undefined)(
  skipReason === undefined ? "the dashboard in chromium" : `the dashboard in chromium (skipped: ${skipReason})`,
  () => {
    test("a virtual account issued through the API is deposited from the dashboard, and the merchant's webhook arrives", async () => {
      const { hook, mock, url } = await listeningMock();
      const account = await smartroVbank(mock);
      const page = await browse(url);
      await page.goto(dashboard(url, { tab: "notices" }));
      const row = page.locator(`#waiting-accounts tr[data-imp-uid="${account.imp_uid}"]`);
      await row.locator('input[name="depositor_name"]').fill("Kim Buyer");
      await row.getByRole("button", { name: "Deposit" }).click();
      await page.waitForURL(/flash=deposited/);
      expect(await page.locator(".flash").textContent()).toContain(account.imp_uid);
      const webhook = await hook.waitFor((r) => r.body.imp_uid === account.imp_uid && r.body.status === "paid");
      expect(webhook.body.merchant_uid).toBe(account.merchant_uid);
      await page.goto(dashboard(url, { q: account.imp_uid }));
      await expect
        .poll(() => page.locator(`#payments tr[data-imp-uid="${account.imp_uid}"] .badge.paid`).count())
        .toBe(1);
      await page.screenshot({ path: screenshotPath("dashboard-deposit.png"), fullPage: true });
    });

    test("a refused deposit is shown on the page with its status, and the account still waits", async () => {
      const { mock, url } = await listeningMock();
      const account = await smartroVbank(mock);
      const page = await browse(url);
      await page.goto(dashboard(url, { tab: "notices" }));
      const row = page.locator(`#waiting-accounts tr[data-imp-uid="${account.imp_uid}"]`);
      await row.locator('input[name="amount"]').fill("100");
      const answer = page.waitForResponse((response) => response.url().includes("/actions/deposit"));
      await row.getByRole("button", { name: "Deposit" }).click();
      expect((await answer).status()).toBe(422);
      await expect.poll(() => page.locator('.refusal[data-kind="rejected"]').count()).toBe(1);
      expect(await page.locator(`#waiting-accounts tr[data-imp-uid="${account.imp_uid}"]`).count()).toBe(1);
      const state = await mock.state();
      expect(state.payments[0]).toMatchObject({ imp_uid: account.imp_uid, status: "ready" });
    });

    test("the clock moves from the header and from its tab, and the API sees the new time", async () => {
      const { mock, url } = await listeningMock();
      const page = await browse(url);
      await page.goto(dashboard(url, { tab: "clock" }));
      await page.locator("#clock").getByRole("button", { name: "+1 h" }).click();
      await page.waitForURL(/flash=advanced/);
      expect(await page.locator("#clock strong").getAttribute("data-now")).toBe(String(START + 3600));
      await page.locator('input[name="seconds"][type="number"]').fill("600");
      await page.getByRole("button", { name: "Advance", exact: true }).click();
      await expect.poll(() => page.locator("#clock strong").getAttribute("data-now")).toBe(String(START + 4200));
      expect((await control(mock, "GET", "/clock")).body.response.now).toBe(START + 4200);
      // The tab kept its place through both moves.
      expect(new URL(page.url()).searchParams.get("tab")).toBe("clock");
    });

    test("a failure armed on the dashboard fails the next API call, and is then spent", async () => {
      const { mock, url } = await listeningMock();
      const page = await browse(url);
      await page.goto(dashboard(url, { tab: "failures" }));
      await page.locator('select[name="operation"]').selectOption("onetime");
      await page.locator('select[name="outcome"]').selectOption("serverError");
      await page.getByRole("button", { name: "Arm" }).click();
      await page.waitForURL(/flash=armed/);
      expect(await page.locator("#armed-failures tbody tr").count()).toBe(1);
      expect((await overHttp(url, mock, ONETIME, onetimeBody())).status).toBe(500);
      expect((await overHttp(url, mock, ONETIME, onetimeBody())).body.response.status).toBe("paid");
      await page.reload();
      expect(await page.locator("#armed-failures").count()).toBe(0);
      // A decline armed on a channel: the next payment there is recorded as failed.
      await page.locator('select[name="channel_key"]').selectOption(NICE);
      await page.locator('select[name="outcome"]').selectOption("decline");
      await page.getByRole("button", { name: "Arm" }).click();
      await page.waitForURL(/flash=armed/);
      expect((await overHttp(url, mock, ONETIME, onetimeBody())).body.response.status).toBe("failed");
    });

    test("a failed webhook is resent from the dashboard and delivered on the second attempt", async () => {
      const { hook, mock, url } = await listeningMock();
      hook.failNext(1, "error500");
      const paid = (await onetime(mock)).body.response;
      await hook.waitFor((r) => r.body.imp_uid === paid.imp_uid);
      await mock.server.pingbacks.settled();
      const page = await browse(url);
      await page.goto(dashboard(url, { tab: "webhooks", state: "failed" }));
      const row = page.locator("#webhooks tbody tr");
      expect(await row.count()).toBe(1);
      const deliveryId = await row.getAttribute("data-delivery-id");
      await row.getByRole("button", { name: "Resend" }).click();
      await page.waitForURL(/flash=resent/);
      const second = await hook.waitFor((r) => r.body.imp_uid === paid.imp_uid && r.sequence === 2);
      expect(second.answer).toBe("ok");
      await mock.server.pingbacks.settled();
      await page.goto(dashboard(url, { tab: "webhooks" }));
      const delivered = page.locator(`#webhooks tr[data-delivery-id="${deliveryId}"]`);
      expect(await delivered.locator(".badge.delivered").count()).toBe(1);
      expect(await delivered.locator(".attempts li").allTextContents()).toEqual([
        expect.stringContaining("HTTP 500"),
        expect.stringContaining("HTTP 200"),
      ]);
    });

    test("reset from the dashboard forgets every payment and rewinds the clock", async () => {
      const { mock, url } = await listeningMock();
      await keyedPayment(mock);
      mock.server.clock.advance(7200);
      const page = await browse(url);
      await page.goto(dashboard(url, { tab: "clock" }));
      await page.getByRole("button", { name: "Reset the mock" }).click();
      await page.waitForURL(/flash=reset/);
      expect(await page.locator("#clock strong").getAttribute("data-now")).toBe(String(START));
      expect((await mock.state()).payments).toEqual([]);
      await page.goto(dashboard(url));
      expect(await page.locator("#payments").count()).toBe(0);
    });

    test("every tab of a busy merchant loads nothing beyond the mock's own origin", async () => {
      const { mock, url } = await listeningMock();
      await busyMerchant(mock);
      const page = await browse(url);
      for (const tab of TAB_NAMES) {
        const response = await page.goto(dashboard(url, { tab }));
        expect(response?.status(), tab).toBe(200);
        expect(await page.locator("nav a[aria-current]").count(), tab).toBe(1);
      }
      // afterEach holds every request of the context to the mock's origin.
      expect(opened[0]!.requests.filter((request) => request.includes("/__mock/ui")).length).toBe(TAB_NAMES.length);
    });

    test("the dashboard as the README shows it (test-artefacts/dashboard.png)", async () => {
      const { mock, url } = await listeningMock();
      for (const [i, name] of ["월간 구독", "연간 구독"].entries())
        await keyedPayment(mock, {
          channelGroupId: DEMO_GROUP_ID,
          amount: 9900 + i * 89_100,
          name,
          buyer_name: "홍길동",
        });
      const refunded = await keyedPayment(mock, { amount: 49_000, name: "팀 요금제", buyer_name: "이영희" });
      await mock.post("/payments/cancel", "json", { imp_uid: refunded.imp_uid, amount: 9000, reason: "요금제 변경" });
      await keyedPayment(mock, { card_number: "4000000000009995", name: "월간 구독", buyer_name: "박철수" });
      const refunding = await smartroVbank(mock, { amount: 8800 });
      await control(mock, "POST", "/pg-notices", { kind: "deposit", imp_uid: refunding.imp_uid });
      await mock.post("/payments/cancel", "json", { imp_uid: refunding.imp_uid, ...REFUND_ACCOUNT });
      await smartroVbank(mock, { amount: 33_000 });
      const deposited = await smartroVbank(mock);
      const page = await browse(url);
      await page.goto(dashboard(url));
      await page
        .locator(`#payments tr[data-imp-uid="${deposited.imp_uid}"]`)
        .getByRole("button", { name: "Deposit" })
        .click();
      await page.waitForURL(/flash=deposited/);
      expect(await page.locator("#payments tbody tr").count()).toBe(7);
      await page.screenshot({ path: screenshotPath("dashboard.png"), fullPage: true });
    });
  },
);
