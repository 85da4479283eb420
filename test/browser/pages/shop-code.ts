/**
 * The shop's code and its orders, written for PortOne's real SDK and typed with the community
 * `iamport-typings` (the types merchants compile their pages against), so the stand-in is held to
 * them. The typings ship TypeScript sources that the project's strict settings reject, so this file
 * is type-checked on its own (test/browser/pages/tsconfig.json, part of `npm run typecheck`) and
 * loaded by the browser tests at run time; `shopCode` runs in the browser as its source text.
 */
import type { RequestPayParams, RequestPayResponse } from "iamport-typings";

/**
 * What PortOne's current SDK docs list and the typings (1.4.0) lack: channelKey, channelGroupId and
 * the billing-key window's customer_id. Merchants add them the same way.
 */
export type ShopParams = RequestPayParams & { channelKey?: string; channelGroupId?: string; customer_id?: string };

export type PayStyle = "callback" | "promise";

/** Init once, pay on the button; the response goes into `#result`. No imports or closures: it runs as text. */
export function shopCode(storeCode: string, params: ShopParams, style: PayStyle): void {
  const IMP = window.IMP!;
  IMP.init(storeCode);
  const show = (response: RequestPayResponse) => {
    document.getElementById("result")!.textContent = JSON.stringify(response);
  };
  document.getElementById("pay")!.addEventListener("click", () => {
    if (style === "callback") IMP.request_pay(params, show);
    // The typings know only the callback form; without one the SDK returns a promise.
    else void (IMP.request_pay(params) as unknown as Promise<RequestPayResponse>).then(show);
  });
}

export interface OrderContext {
  merchant_uid: string;
  shopUrl: string;
  group: string;
}

const buyer = {
  buyer_name: "홍길동",
  buyer_email: "gildong@example.com",
  buyer_tel: "010-4242-4242",
  buyer_addr: "서울특별시 강남구 신사동",
  buyer_postcode: "01181",
};

/** The orders the browser tests place, each as a merchant's page would send it. */
export const orders = {
  cardThroughGroup: ({ merchant_uid, group }: OrderContext): ShopParams => ({
    channelGroupId: group,
    pay_method: "card",
    merchant_uid,
    name: "노르웨이 회전 의자",
    amount: 64900,
    ...buyer,
  }),
  vbank: ({ merchant_uid }: OrderContext): ShopParams => ({
    channelKey: "channel-key-demo-kcp",
    pay_method: "vbank",
    merchant_uid,
    name: "책상",
    amount: 15000,
    vbank_due: "20260110",
    ...buyer,
  }),
  declinedCard: ({ merchant_uid }: OrderContext): ShopParams => ({
    pg: "kcp",
    pay_method: "card",
    merchant_uid,
    name: "의자",
    amount: 1000,
    ...buyer,
  }),
  smartroWithoutTel: ({ merchant_uid }: OrderContext): ShopParams => ({
    channelKey: "channel-key-demo-smartro-v2",
    pay_method: "card",
    merchant_uid: `order-${merchant_uid}`,
    name: "의자",
    amount: 1000,
    buyer_name: "홍길동",
    // The typings make buyer_tel required; Smartro v2 refuses it empty, as a forgetful page would send it.
    buyer_tel: "",
  }),
  redirect: ({ merchant_uid, shopUrl }: OrderContext): ShopParams => ({
    channelKey: "channel-key-demo-inicis",
    pay_method: "card",
    merchant_uid,
    name: "의자",
    amount: 3000,
    m_redirect_url: `${shopUrl}/payments/complete`,
    ...buyer,
  }),
  billingKey: ({ merchant_uid }: OrderContext): ShopParams => ({
    channelKey: "channel-key-demo-kcp",
    pay_method: "card",
    merchant_uid,
    name: "정기결제 등록",
    amount: 1000,
    customer_uid: `customer-${merchant_uid}`,
    customer_id: "gildong",
    ...buyer,
  }),
};
