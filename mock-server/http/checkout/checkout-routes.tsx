/**
 * The browser checkout: the SDK stand-in's script, and the checkout window it opens (an overlay
 * iframe on a PC, a redirect on a mobile browser). An adapter like every route: it decodes the
 * SDK's parameters with their contract (contracts/checkout.ts), calls the core's checkout use case
 * (core/use-cases/browser-checkout.ts) and renders the SDK's response. Served with or without the
 * control API, since it stands in for PortOne's own SDK and sdkWindow.
 *
 *   GET  /v1/iamport.js, /js/iamport.payment-<version>.js   the SDK stand-in
 *   POST /__checkout/open       the sdkWindow: the order, the channel chosen, approve / decline / close
 *   POST /__checkout/complete   the buyer's choice: the payment is made, and the response goes back
 */
import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import {
  CHECKOUT_PREFIX,
  RequestPayParams,
  RequestPayResponse,
  SDK_SCRIPT_PATHS,
} from "../../../contracts/checkout.ts";
import { failure, MockError, type Failure } from "../../core/errors.ts";
import type { Channel, MerchantState } from "../../core/model.ts";
import {
  checkOut,
  requestedGroupId,
  routeCheckout,
  type CheckoutRequest,
} from "../../core/use-cases/browser-checkout.ts";
import { issueList } from "../../zod-issues.ts";
import type { MockEnv } from "../env.ts";
import { FAILURE_HTTP } from "../render-failure.ts";
import type { RouteContext } from "../operation-route.ts";
import { CheckoutPage, DeliveryPage, NoRedirectPage, UnusableWindowPage, type SdkWindow } from "./checkout-pages.tsx";
import { sdkScript } from "./sdk-script.ts";
import { BUYER_CLOSED, paymentResponse, redirectTarget, refusalResponse } from "./sdk-response.ts";

/** The test cards the window's buttons pay with (contracts/mock/test-cards.ts). */
const APPROVED_CARD = "4242424242424242";
const DECLINED_CARD = "4000000000000002";

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** A host name (letters, digits, dots, hyphens) or an IPv6 address, and a port: safe in a CSP source list. */
const PLAIN_ORIGIN = /^https?:\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d+)?$/i;

/** An http(s) URL's origin, or undefined (also for a host a CSP source list could not name). */
function originOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && PLAIN_ORIGIN.test(url.origin)
      ? url.origin
      : undefined;
  } catch {
    return undefined;
  }
}

/** Explicit nulls mean "not sent", as everywhere in the mock (docs/decisions/002). */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

function parseParams(paramsText: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(paramsText);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? withoutNulls(parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A form the SDK could not have posted: why, and what is known of the page that posted it. */
interface UnusableWindow {
  reason: string;
  origin: string | undefined;
  windowId: string | undefined;
  merchant_uid: string;
}

async function readWindow(c: Context<MockEnv>): Promise<SdkWindow | UnusableWindow> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    return {
      reason: "the checkout expects the form the SDK posts (application/x-www-form-urlencoded)",
      origin: undefined,
      windowId: undefined,
      merchant_uid: "",
    };
  }
  const origin = originOf(text(form.origin));
  const mode = text(form.mode);
  const windowId = text(form.window_id) || undefined;
  const paramsText = text(form.params);
  const storeCode = text(form.store_code);
  const params = paramsText === undefined ? undefined : parseParams(paramsText);
  const merchant_uid = text(params?.merchant_uid) ?? "";
  if (
    origin === undefined ||
    (mode !== "pc" && mode !== "mobile") ||
    windowId === undefined ||
    paramsText === undefined ||
    !storeCode
  )
    return {
      reason: "the checkout was not opened by the SDK (store_code, params, mode, origin and window_id are required)",
      origin,
      windowId,
      merchant_uid,
    };
  return {
    storeCode,
    mode,
    origin,
    windowId,
    paramsText,
    merchant_uid,
    m_redirect_url: text(params?.m_redirect_url),
    userAgent: c.req.header("user-agent"),
  };
}

const isUnusable = (read: SdkWindow | UnusableWindow): read is UnusableWindow => "reason" in read;

/** The merchant and the order in the core's terms, or the failure the SDK reports. */
function decodeOrder(
  core: RouteContext["core"],
  sdkWindow: SdkWindow,
): { merchant: MerchantState; request: CheckoutRequest } {
  const merchant = core.store.merchantByStoreCode(sdkWindow.storeCode);
  if (!merchant) throw failure("rejected", `IMP.init names no merchant of this mock: ${sdkWindow.storeCode}`);
  const params = parseParams(sdkWindow.paramsText);
  if (!params) throw failure("invalidRequest", "IMP.request_pay's parameters must be an object");
  const parsed = RequestPayParams.safeParse(params);
  if (!parsed.success) throw failure("invalidRequest", issueList(parsed.error, "params").join("; "));
  const { channelKey, custom_data, m_redirect_url, display, language, ...order } = parsed.data;
  if (sdkWindow.mode === "mobile" && m_redirect_url !== undefined && originOf(m_redirect_url) === undefined)
    throw failure("invalidRequest", `m_redirect_url ${JSON.stringify(m_redirect_url)} is not an http(s) URL`);
  return {
    merchant,
    request: {
      ...order,
      channel_key: channelKey,
      card_number: APPROVED_CARD,
      custom_data:
        custom_data === undefined
          ? undefined
          : typeof custom_data === "string"
            ? custom_data
            : JSON.stringify(custom_data),
    },
  };
}

const failureOf = (error: unknown): Failure => {
  if (error instanceof MockError) return error.failure;
  throw error;
};

/**
 * The window's pages' Content-Security-Policy: nothing loads from anywhere; the inline style and
 * script run by this response's nonce; forms post only to the window itself (and, on a mobile
 * browser, end in the redirect to m_redirect_url, whose origin Chrome checks too); only the
 * merchant's page may frame the window.
 */
function checkoutPolicy(nonce: string, target: { origin?: string | undefined; m_redirect_url?: string | undefined }) {
  const redirect = originOf(target.m_redirect_url);
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `form-action 'self'${redirect === undefined ? "" : ` ${redirect}`}`,
    "base-uri 'none'",
    ...(target.origin === undefined ? [] : [`frame-ancestors ${target.origin}`]),
  ].join("; ");
}

/** One of the window's pages, with its policy and a fresh nonce. */
function page(
  c: Context<MockEnv>,
  target: { origin?: string | undefined; m_redirect_url?: string | undefined },
  render: (nonce: string) => JSX.Element,
  status: 200 | 400 = 200,
) {
  const nonce = randomBytes(16).toString("base64");
  c.header("Content-Security-Policy", checkoutPolicy(nonce, target));
  c.header("X-Content-Type-Options", "nosniff");
  return c.html(render(nonce), status);
}

/** The journal's record of a refusal: the code the API would answer it with, error_msg, the explanation. */
function recordRefusal(c: Context<MockEnv>, refused: Failure, response: RequestPayResponse) {
  c.set("outcome", {
    code: FAILURE_HTTP[refused.kind].code,
    message: response.error_msg ?? null,
    explanation: refused.explanation,
  });
}

/** A refused checkout, back through the callback; the window shows the mock's explanation. */
function deliverRefusal(c: Context<MockEnv>, sdkWindow: SdkWindow, error: unknown) {
  const refused = failureOf(error);
  const response = refusalResponse(sdkWindow.merchant_uid, refused, c.get("messages"));
  recordRefusal(c, refused, response);
  return deliver(c, sdkWindow, response, refused.explanation);
}

/**
 * A window that cannot be used: the mock's page saying why (HTTP 400), which also hands the
 * refusal back when it knows where to, so the SDK's overlay closes and the callback runs.
 */
function unusableWindow(c: Context<MockEnv>, unusable: UnusableWindow) {
  const refused = failure("invalidRequest", unusable.reason).failure;
  const response = refusalResponse(unusable.merchant_uid, refused, c.get("messages"));
  recordRefusal(c, refused, response);
  const { origin, windowId } = unusable;
  const postBack = origin === undefined || windowId === undefined ? undefined : { origin, windowId, response };
  return page(
    c,
    unusable,
    (nonce) => <UnusableWindowPage nonce={nonce} reason={unusable.reason} postBack={postBack} />,
    400,
  );
}

/** Hands the response back as the SDK would: a message to the page's overlay, or a redirect. */
function deliver(c: Context<MockEnv>, sdkWindow: SdkWindow, response: RequestPayResponse, explanation?: string) {
  if (sdkWindow.mode === "pc")
    return page(c, sdkWindow, (nonce) => (
      <DeliveryPage nonce={nonce} sdkWindow={sdkWindow} response={response} explanation={explanation} />
    ));
  if (sdkWindow.m_redirect_url === undefined || originOf(sdkWindow.m_redirect_url) === undefined)
    return page(c, sdkWindow, (nonce) => <NoRedirectPage nonce={nonce} response={response} />);
  return c.redirect(redirectTarget(sdkWindow.m_redirect_url, response), 303);
}

/** With response checks on (the default), a response that breaks its contract is a mock bug: a 500 naming the field. */
function checked(response: RequestPayResponse, checkResponses: boolean): RequestPayResponse {
  if (!checkResponses) return response;
  const parsed = RequestPayResponse.safeParse(response);
  if (!parsed.success)
    throw new Error(`an SDK response breaks its contract: ${issueList(parsed.error, "response").join("; ")}`);
  return response;
}

export function checkoutRoutes({ core, checkResponses }: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const script = (c: Context<MockEnv>) =>
    c.body(sdkScript, 200, { "Content-Type": "text/javascript; charset=UTF-8", "Cache-Control": "no-store" });
  app.get(SDK_SCRIPT_PATHS.current, script);
  app.get(SDK_SCRIPT_PATHS.versioned, script);

  app.post(`${CHECKOUT_PREFIX}/open`, async (c) => {
    c.get("note").operation = "checkout:open";
    core.catchUp();
    const sdkWindow = await readWindow(c);
    if (isUnusable(sdkWindow)) return unusableWindow(c, sdkWindow);
    c.get("note").merchant = core.store.merchantByStoreCode(sdkWindow.storeCode) ?? null;
    let order: ReturnType<typeof decodeOrder>;
    let channel: Channel;
    try {
      order = decodeOrder(core, sdkWindow);
      // Every check runs before the window shows: a refusal comes back through the callback at once.
      channel = routeCheckout(core.deps(), order.merchant, order.request).channel;
    } catch (error) {
      return deliverRefusal(c, sdkWindow, error);
    }
    return page(c, sdkWindow, (nonce) => (
      <CheckoutPage
        nonce={nonce}
        sdkWindow={sdkWindow}
        merchantName={order.merchant.config.name}
        request={order.request}
        channel={channel}
        groupId={requestedGroupId(order.request)}
      />
    ));
  });

  app.post(`${CHECKOUT_PREFIX}/complete`, async (c) => {
    c.get("note").operation = "checkout:complete";
    core.catchUp();
    const sdkWindow = await readWindow(c);
    if (isUnusable(sdkWindow)) return unusableWindow(c, sdkWindow);
    c.get("note").merchant = core.store.merchantByStoreCode(sdkWindow.storeCode) ?? null;
    const form = await c.req.parseBody();
    const outcome = text(form.outcome);
    if (outcome === "close") {
      const response = refusalResponse(sdkWindow.merchant_uid, BUYER_CLOSED, c.get("messages"));
      recordRefusal(c, BUYER_CLOSED, response);
      return deliver(c, sdkWindow, response);
    }
    if (outcome !== "approve" && outcome !== "decline")
      return unusableWindow(c, { ...sdkWindow, reason: "outcome must be approve, decline or close" });
    try {
      const { merchant, request } = decodeOrder(core, sdkWindow);
      const payment = checkOut(
        core.deps(),
        merchant,
        { ...request, card_number: outcome === "approve" ? APPROVED_CARD : DECLINED_CARD },
        {
          drawn: requestedGroupId(request) === undefined ? undefined : text(form.drawn),
          origin: sdkWindow.mode,
          user_agent: sdkWindow.userAgent,
          vbankAwaitsDeposit: true,
        },
      );
      return deliver(c, sdkWindow, checked(paymentResponse(payment), checkResponses));
    } catch (error) {
      return deliverRefusal(c, sdkWindow, error);
    }
  });
  return app;
}
