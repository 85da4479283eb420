/**
 * The dashboard under /__mock/ui: one page per merchant and tab, drawn from the control API's own
 * answers, and one POST route per button. A button runs its control call and redirects back to the
 * page it came from with the outcome (Post/Redirect/Get); a refusal is shown on that page with a
 * 4xx status, and changes nothing, as the control call changes nothing when it refuses. Mounted
 * with the control API only. docs/decisions/013-dashboard.md.
 */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { MockError } from "../../core/errors.ts";
import type { MockCore } from "../../core/mock-core.ts";
import { issueList } from "../../zod-issues.ts";
import type { ControlCall } from "../control-call.ts";
import type { MockEnv } from "../env.ts";
import { FAILURE_HTTP } from "../render-failure.ts";
import { ACTIONS } from "./actions.ts";
import { ClockTab, FailuresTab, JournalTab } from "./mock-controls.tsx";
import { Page, type Merchant, type PageData, type Refusal } from "./page.tsx";
import { NoticesTab, PaymentsTab } from "./payments.tsx";
import { RoutingTab } from "./routing.tsx";
import { BillingKeysTab, SchedulesTab } from "./subscriptions.tsx";
import { DASHBOARD_PATH, DashboardView, fieldsOf, viewHref } from "./view.ts";
import { WebhooksTab } from "./webhooks.tsx";

/**
 * Nothing but this origin: no script at all, the inline stylesheet, forms posting here. The page
 * itself loads nothing else (test/browser/dashboard.test.ts records every request it makes).
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const secured: MiddlewareHandler<MockEnv> = async (c, next) => {
  await next();
  c.res.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.res.headers.set("Referrer-Policy", "no-referrer");
  c.res.headers.set("X-Content-Type-Options", "nosniff");
  c.res.headers.set("Cache-Control", "no-store");
};

/** A control call's refusal on the page: its own status where that is an error, 422 for the API's "HTTP 200, code 1". */
function refusalStatus(refusal: Refusal): ContentfulStatusCode {
  const { status } = FAILURE_HTTP[refusal.kind];
  return status >= 400 ? status : 422;
}

/**
 * A form posted from another site's page (any page the developer has open can post to localhost):
 * it must not reset the mock or arm failures. Browsers say where a request comes from in
 * Sec-Fetch-Site and Origin; a request with neither (curl, a test) is not a browser's cross-site post.
 */
function fromAnotherSite(c: Context<MockEnv>): boolean {
  const site = c.req.header("sec-fetch-site");
  // The pages send no referrer, so a browser's own posts carry `Origin: null`: Sec-Fetch-Site decides where sent.
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = c.req.header("origin");
  return origin !== undefined && origin !== new URL(c.req.url).origin;
}

const asRefusal = (error: unknown): Refusal => {
  if (error instanceof MockError) return { kind: error.failure.kind, message: error.failure.explanation };
  throw error;
};

const queryOf = (url: string) => {
  const start = url.indexOf("?");
  return start < 0 ? "" : url.slice(start + 1);
};

export function dashboardRoutes({ core, run }: { core: MockCore; run: ControlCall }): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  app.use(DASHBOARD_PATH, secured);
  app.use(`${DASHBOARD_PATH}/*`, secured);

  const merchants = (): Merchant[] =>
    core.store.merchants.map(({ config }) => ({ store_code: config.store_code, name: config.name }));

  async function load(view: DashboardView): Promise<PageData> {
    const store_code = view.store_code;
    const state = await run("getState", { query: { store_code } });
    const clock = await run("getClock");
    const deliveries = await run("listWebhooks", { query: { store_code, limit: 100_000 } });
    return { state, clock, deliveries };
  }

  async function tabContent(view: DashboardView, data: PageData) {
    const { state } = data;
    switch (view.tab) {
      case "payments":
        return <PaymentsTab state={state} view={view} />;
      case "billing-keys":
        return <BillingKeysTab state={state} />;
      case "schedules":
        return <SchedulesTab state={state} view={view} />;
      case "webhooks":
        return <WebhooksTab data={data} view={view} />;
      case "routing":
        return <RoutingTab state={state} />;
      case "notices":
        return <NoticesTab state={state} view={view} />;
      case "failures":
        return <FailuresTab state={state} view={view} />;
      case "journal": {
        const { operation, limit, scope } = view;
        const journal = await run("getJournal", {
          query: { operation, limit, store_code: scope === "all" ? undefined : state.store_code },
        });
        return <JournalTab state={state} view={view} journal={journal} />;
      }
      case "clock":
        return <ClockTab data={data} view={view} />;
    }
  }

  /** The view's page, with the refusal that led there if any; a page that cannot be drawn shows why instead. */
  async function render(c: Context<MockEnv>, view: DashboardView, refusal: Refusal | null): Promise<Response> {
    let page;
    try {
      const data = await load(view);
      // Links name the merchant even when the URL left it to the default.
      const shown = { ...view, store_code: data.state.store_code };
      page = (
        <Page merchants={merchants()} view={shown} data={data} refusal={refusal}>
          {await tabContent(shown, data)}
        </Page>
      );
    } catch (error) {
      refusal = asRefusal(error);
      page = <Page merchants={merchants()} view={view} data={null} refusal={refusal} />;
    }
    return c.html(`<!doctype html>${await page.toString()}`, refusal ? refusalStatus(refusal) : 200);
  }

  /** The view in a URL's query; a malformed one is refused on the merchant's first page. */
  function viewOf(url: string): { view: DashboardView; refusal: Refusal | null } {
    const fields = fieldsOf(queryOf(url), DashboardView);
    const parsed = DashboardView.safeParse(fields);
    if (parsed.success) return { view: parsed.data, refusal: null };
    const message = issueList(parsed.error, "query").join("; ");
    const store_code = typeof fields.store_code === "string" ? fields.store_code : undefined;
    return { view: DashboardView.parse({ store_code }), refusal: { kind: "invalidRequest", message } };
  }

  app.get(DASHBOARD_PATH, (c) => {
    const { view, refusal } = viewOf(c.req.url);
    return render(c, view, refusal);
  });

  app.post(`${DASHBOARD_PATH}/actions/:action`, async (c) => {
    if (fromAnotherSite(c))
      return c.html(
        "<!doctype html><title>Refused</title><p>The dashboard's buttons work only from the dashboard's own pages.</p>",
        403,
      );
    const { view, refusal } = viewOf(c.req.url);
    if (refusal) return render(c, view, refusal);
    // Some calls (reset, disarm) name no merchant: a page of an unknown one must not get that far.
    const known = view.store_code === undefined || merchants().some((m) => m.store_code === view.store_code);
    if (!known) return render(c, view, null);
    const name = c.req.param("action");
    const perform = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!perform)
      return render(c, view, {
        kind: "notFound",
        message: `the dashboard has no action ${name} (it has ${Object.keys(ACTIONS).join(", ")})`,
      });
    try {
      const done = await perform(run, await c.req.text(), view.store_code);
      return c.redirect(viewHref(view, done), 303);
    } catch (error) {
      return render(c, view, asRefusal(error));
    }
  });

  return app;
}
