/**
 * The contracts served by the mock: the generated OpenAPI document as it is, and an API reference
 * page whose every asset comes from the mock's own origin (checked in the HTML, and in a browser
 * that records every request the page makes).
 */
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createMockServer, type MockServer } from "../../mock-server/index.ts";
import { browserSuiteSkipReason, launchChromium, type LaunchedBrowser } from "../support/browser.ts";

const DOCUMENT = JSON.parse(readFileSync(new URL("../../contracts/openapi.json", import.meta.url), "utf8")) as {
  paths: Record<string, unknown>;
};
const ORIGIN = "http://mock.test";
const SWAGGER_UI_DIST = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/** Every `src` and `href` of the page, as written. */
const references = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);

test("GET /__mock/openapi.json is the project's generated document", async () => {
  const mock = createMockServer({ seed: 1 });
  const answer = await mock.app.request("/__mock/openapi.json");
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(await answer.json()).toEqual(DOCUMENT);
});

test("GET /__mock/docs is a Swagger UI page whose assets are all served by the mock itself", async () => {
  const mock = createMockServer({ seed: 1 });
  const page = await mock.app.request(`${ORIGIN}/__mock/docs`);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toContain('fetch("/__mock/openapi.json")');
  expect(html).toContain("validatorUrl: null");
  const assets = references(html);
  expect(assets).toEqual(expect.arrayContaining(["/__mock/docs/swagger-ui.css", "/__mock/docs/swagger-ui-bundle.js"]));
  for (const asset of assets) {
    const url = new URL(asset, `${ORIGIN}/__mock/docs`);
    expect(url.origin, asset).toBe(ORIGIN);
    const answer = await mock.app.request(url.href);
    expect(answer.status, asset).toBe(200);
    // The package's own file, whole.
    const size = statSync(join(SWAGGER_UI_DIST, basename(url.pathname))).size;
    expect((await answer.arrayBuffer()).byteLength, asset).toBe(size);
  }
  const script = await mock.app.request("/__mock/docs/swagger-ui-bundle.js");
  expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
});

test.each(["/__mock/docs/index.html", "/__mock/docs/package.json", "/__mock/docs/..%2Fpackage.json"])(
  "%s is not one of the page's assets: 404 in the envelope",
  async (path) => {
    const mock = createMockServer({ seed: 1 });
    const answer = await mock.app.request(path);
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { code: number }).code).toBe(-1);
  },
);

test("without the control API neither the document nor the page is served", async () => {
  const mock = createMockServer({ seed: 1, control: false });
  for (const path of ["/__mock/openapi.json", "/__mock/docs", "/__mock/docs/swagger-ui.css"])
    expect((await mock.app.request(path)).status, path).toBe(404);
});

const skipReason = browserSuiteSkipReason();

let served: MockServer | undefined;
let launched: LaunchedBrowser | undefined;
beforeAll(async () => {
  if (skipReason) return;
  served = createMockServer({ seed: 1 });
  launched = await launchChromium();
}, 30_000);
afterAll(async () => {
  await launched?.close();
  await served?.close();
});

test.skipIf(skipReason !== undefined)(
  "in a browser the page renders every path of the document, asking only the mock's origin",
  async () => {
    const { url } = await served!.listen(0);
    const page = await launched!.browser.newPage();
    const requested: string[] = [];
    page.on("request", (request) => void requested.push(request.url()));
    await page.goto(`${url}/__mock/docs`);
    await page.locator(".opblock").first().waitFor({ timeout: 15_000 });
    const shown = await page.locator(".opblock-summary-path").allTextContents();
    expect(new Set(shown.map((path) => path.replace(/\u200b/g, "")))).toEqual(new Set(Object.keys(DOCUMENT.paths)));
    // Try it out goes to the mock: its origin is the first server listed.
    expect(await page.locator(".servers select option").first().textContent()).toContain(url);
    expect(requested.length).toBeGreaterThanOrEqual(3);
    for (const address of requested) expect(new URL(address).origin, address).toBe(url);
    await page.close();
  },
  30_000,
);
