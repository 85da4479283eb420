/**
 * The checkout window's pages (Hono JSX, rendered on the server; nothing is loaded from anywhere
 * else: styles and the few lines of script are inline).
 */
import type { Child } from "hono/jsx";
import { CHECKOUT_PREFIX, type RequestPayResponse } from "../../../contracts/checkout.ts";
import type { Channel } from "../../core/model.ts";
import type { CheckoutRequest } from "../../core/use-cases/browser-checkout.ts";
import { CHECKOUT_MESSAGE } from "./sdk-script.ts";

/** One checkout window, as the SDK posted it. */
export interface SdkWindow {
  storeCode: string;
  mode: "pc" | "mobile";
  /** The merchant page's origin, the only one the response is posted to. */
  origin: string;
  windowId: string;
  /** The parameters as sent (JSON), carried from the window to its completion. */
  paramsText: string;
  merchant_uid: string;
  m_redirect_url: string | undefined;
  userAgent: string | undefined;
}

const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, Segoe UI, sans-serif; }
body { margin: 0; background: #fff; color: #1d1d1f; }
main { padding: 20px 22px; }
h1 { font-size: 1.15rem; margin: 0 0 2px; }
.mock { font-size: 0.78rem; color: #8a4b00; background: #fff4e0; border-radius: 4px; padding: 4px 8px; margin: 6px 0 14px; }
.amount { font-size: 1.8rem; font-weight: 700; margin: 6px 0 14px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 14px; margin: 0 0 18px; font-size: 0.9rem; }
dt { color: #6e6e73; }
dd { margin: 0; overflow-wrap: anywhere; }
.actions { display: flex; flex-direction: column; gap: 8px; }
button { font: inherit; padding: 11px; border-radius: 6px; border: 1px solid #c7c7cc; background: #f5f5f7; cursor: pointer; }
button.approve { background: #0a58ca; border-color: #0a58ca; color: #fff; font-weight: 600; }
button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.hint { font-size: 0.78rem; color: #6e6e73; margin-top: 10px; }
.refused { color: #a1000f; }
`;

function Shell(props: { title: string; nonce: string; children: Child }) {
  return (
    <html lang="ko">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <style nonce={props.nonce}>{STYLE}</style>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** Inline script text with `<` escaped, so no value can close the script element. */
const scriptText = (code: string) => code.replace(/</g, "\\u003c");

const PAY_METHODS: Record<string, string> = {
  card: "신용카드 (card)",
  trans: "실시간 계좌이체 (trans)",
  vbank: "가상계좌 (vbank)",
  phone: "휴대폰 소액결제 (phone)",
};

const won = (amount: number, currency: string) =>
  currency === "KRW" ? `${amount.toLocaleString("ko-KR")}원` : `${amount.toLocaleString("en-US")} ${currency}`;

function Hidden(props: { sdkWindow: SdkWindow }) {
  const w = props.sdkWindow;
  return (
    <>
      <input type="hidden" name="store_code" value={w.storeCode} />
      <input type="hidden" name="params" value={w.paramsText} />
      <input type="hidden" name="mode" value={w.mode} />
      <input type="hidden" name="origin" value={w.origin} />
      <input type="hidden" name="window_id" value={w.windowId} />
    </>
  );
}

export function CheckoutPage(props: {
  nonce: string;
  sdkWindow: SdkWindow;
  merchantName: string;
  request: CheckoutRequest;
  channel: Channel;
  groupId: string | undefined;
}) {
  const { request, channel } = props;
  const billingKey = request.customer_uid !== undefined;
  const buyer = [request.buyer_name, request.buyer_email, request.buyer_tel].filter(Boolean).join(" · ");
  return (
    <Shell title={`${props.merchantName} 결제`} nonce={props.nonce}>
      <main role="dialog" aria-labelledby="merchant" aria-describedby="order">
        <h1 id="merchant">{props.merchantName}</h1>
        <p class="mock">iamport-mock checkout: a test window, no money moves</p>
        <p class="amount" id="amount">
          {won(request.amount, request.currency)}
        </p>
        <dl id="order">
          <dt>주문명</dt>
          <dd>{request.name ?? "(no name)"}</dd>
          <dt>결제수단</dt>
          <dd id="pay-method">
            {PAY_METHODS[request.pay_method] ?? request.pay_method}
            {billingKey ? " · 빌링키 발급 (billing key)" : ""}
          </dd>
          <dt>채널</dt>
          <dd id="channel" data-channel-key={channel.channel_key} data-pg-provider={channel.pg_provider}>
            {channel.channel_name ?? channel.channel_key} ({channel.pg_provider} · {channel.pg_id})
            {props.groupId === undefined ? "" : `, picked from ${props.groupId}`}
          </dd>
          <dt>구매자</dt>
          <dd id="buyer">{buyer || "(not given)"}</dd>
          {billingKey ? (
            <>
              <dt>customer_uid</dt>
              <dd>{request.customer_uid}</dd>
            </>
          ) : null}
          {request.pay_method === "vbank" && request.vbank_due !== undefined ? (
            <>
              <dt>입금기한</dt>
              <dd>{String(request.vbank_due)}</dd>
            </>
          ) : null}
        </dl>
        <form method="post" action={`${CHECKOUT_PREFIX}/complete`} class="actions" id="checkout">
          <Hidden sdkWindow={props.sdkWindow} />
          {props.groupId === undefined ? null : <input type="hidden" name="drawn" value={channel.channel_key} />}
          <button type="submit" name="outcome" value="approve" class="approve" autofocus>
            {request.pay_method === "vbank" ? "계좌 발급 (approve)" : "결제 승인 (approve)"}
          </button>
          {request.pay_method === "card" ? (
            <button type="submit" name="outcome" value="decline">
              카드 거절 (decline)
            </button>
          ) : null}
          <button type="submit" name="outcome" value="close" id="close">
            닫기 (close)
          </button>
        </form>
        <p class="hint">Tab moves between the buttons, Enter chooses, Esc closes.</p>
        <script
          nonce={props.nonce}
          dangerouslySetInnerHTML={{
            __html: scriptText(
              `document.querySelector("button.approve").focus(); document.addEventListener("keydown", function (e) { if (e.key === "Escape") document.getElementById("close").click(); });`,
            ),
          }}
        />
      </main>
    </Shell>
  );
}

/** The message a PC window posts to the merchant's page, which closes the overlay and runs the callback. */
function PostBack(props: { nonce: string; origin: string; windowId: string; response: RequestPayResponse }) {
  const message = { type: CHECKOUT_MESSAGE, window_id: props.windowId, response: props.response };
  return (
    <script
      nonce={props.nonce}
      dangerouslySetInnerHTML={{
        __html: scriptText(
          `if (parent !== window) parent.postMessage(${JSON.stringify(message)}, ${JSON.stringify(props.origin)});`,
        ),
      }}
    />
  );
}

/** The window's last page on a PC: it posts the response to the merchant's page, which closes the overlay. */
export function DeliveryPage(props: {
  nonce: string;
  sdkWindow: SdkWindow;
  response: RequestPayResponse;
  explanation?: string | undefined;
}) {
  return (
    <Shell title="결제 결과" nonce={props.nonce}>
      <main>
        <p class={props.response.error_code === undefined ? "" : "refused"} id="result">
          {props.explanation ?? props.response.error_msg ?? "결제 결과를 돌려드립니다 (returning to the shop)"}
        </p>
        <PostBack
          nonce={props.nonce}
          origin={props.sdkWindow.origin}
          windowId={props.sdkWindow.windowId}
          response={props.response}
        />
      </main>
    </Shell>
  );
}

/** A mobile checkout without m_redirect_url: the real SDK cannot bring the result back either. */
export function NoRedirectPage(props: { nonce: string; response: RequestPayResponse }) {
  return (
    <Shell title="결제 결과" nonce={props.nonce}>
      <main>
        <h1>m_redirect_url is missing</h1>
        <p id="result">
          This checkout ran as a redirect (a mobile browser), and IMP.request_pay named no m_redirect_url, so the result
          cannot go back to the merchant&apos;s page; PortOne&apos;s SDK docs say the same of the real window.
        </p>
        <pre>{JSON.stringify(props.response, null, 2)}</pre>
      </main>
    </Shell>
  );
}

/**
 * A window the SDK could not have posted (or a choice it does not offer): the mock's page saying
 * why. Where the merchant's origin and the window are known, the refusal also goes back to the
 * page, so the SDK closes its overlay and the callback runs.
 */
export function UnusableWindowPage(props: {
  nonce: string;
  reason: string;
  postBack?: { origin: string; windowId: string; response: RequestPayResponse } | undefined;
}) {
  return (
    <Shell title="iamport-mock checkout" nonce={props.nonce}>
      <main>
        <h1 class="refused">This checkout cannot open</h1>
        <p id="result">{props.reason}</p>
        {props.postBack === undefined ? null : <PostBack nonce={props.nonce} {...props.postBack} />}
      </main>
    </Shell>
  );
}
