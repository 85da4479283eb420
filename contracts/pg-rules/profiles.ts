/**
 * What each PG can do, as PortOne's V1 guides describe it: its pay methods, which smart-routing
 * flows it takes part in (docs/domain.md §4), and the behaviours in which PGs differ. Pay methods are
 * those of the PG's V1 integration page; `null` where no V1 page lists them.
 */
import * as z from "zod";

export type RoutingFlow = "checkout" | "keyed" | "billingKey";

export const PgBehaviours = z.object({
  /** A refund of a virtual-account payment completes at once, or only on the PG's refund-transfer notice. */
  vbankRefund: z.enum(["immediate", "onRefundNotice"]),
  /** Whether cancelling a payment also revokes a cash receipt issued through the receipts API. */
  cancelRevokesReceipt: z.boolean(),
  /** The time of day (HH:mm:ss, Korean time) the PG moves a virtual account's deadline to, or null to keep the requested time. */
  vbankDueTimeOfDay: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, "must be HH:mm:ss")
    .nullable(),
  /** Whether the PG refuses a cash receipt whose identifier does not fit its identifier_type (Toss Payments does not check). */
  checksReceiptIdentifier: z.boolean(),
  /** Whether the PG checks `tax_free` on a cancel against the payment, or trusts it for virtual accounts without a cash receipt. */
  cancelTaxFreeCheck: z.enum(["always", "exceptVbankWithoutReceipt"]),
  /** `product_count` when the request leaves it out. */
  productCountDefault: z.number().int().min(1),
  /** Quirks of the PG's test mode. */
  testMode: z.object({
    checkCardPartialCancel: z.boolean(),
    /** Standard bank codes that cannot issue a virtual account in test mode. */
    vbankUnavailableBankCodes: z.array(z.string()),
  }),
});
export type PgBehaviours = z.output<typeof PgBehaviours>;

/** What a channel in the mock's config may change of its PG's behaviours (docs/mock-server.md). */
export const PgBehaviourOverrides = PgBehaviours.omit({ testMode: true })
  .partial()
  .extend({ testMode: PgBehaviours.shape.testMode.partial().optional() })
  .strict();
export type PgBehaviourOverrides = z.output<typeof PgBehaviourOverrides>;

/** A PG's behaviours with a channel's overrides applied. */
export const withOverrides = (base: PgBehaviours, overrides: PgBehaviourOverrides = {}): PgBehaviours => ({
  ...base,
  ...overrides,
  testMode: { ...base.testMode, ...overrides.testMode },
});

export interface PgProfile {
  payMethods: string[] | null;
  /** Flow → the pay methods routed through it (keyed and billing-key routing are card only). */
  routing: Partial<Record<RoutingFlow, string[]>>;
  behaviours: PgBehaviours;
  /** The guide page the profile was read from. */
  source: string;
}

/**
 * Where the guides say nothing, the mock behaves like most PGs: refunds complete at once, a cancel
 * revokes the receipt, the deadline keeps its time. docs/decisions/003-pg-behaviour-defaults.md.
 */
export const DEFAULT_BEHAVIOURS: PgBehaviours = {
  vbankRefund: "immediate",
  cancelRevokesReceipt: true,
  checksReceiptIdentifier: true,
  vbankDueTimeOfDay: null,
  cancelTaxFreeCheck: "always",
  productCountDefault: 1,
  testMode: { checkCardPartialCancel: true, vbankUnavailableBankCodes: [] },
};

const CARD = ["card"];
const CHECKOUT_4 = ["card", "trans", "vbank", "phone"];

const profile = (
  source: string,
  payMethods: string[] | null,
  routing: PgProfile["routing"] = {},
  behaviours: Partial<PgBehaviours> = {},
): PgProfile => ({ source, payMethods, routing, behaviours: { ...DEFAULT_BEHAVIOURS, ...behaviours } });

export const pgProfiles: Readonly<Record<string, PgProfile>> = {
  smartro_v2: profile(
    "integration/pg/v1/smartro-v2 (readme, caution, api)",
    ["card", "trans", "vbank", "phone", "lpay", "kakaopay", "naverpay", "payco", "pinpay"],
    { checkout: CHECKOUT_4 },
    {
      // seed 000, refund cautions: the PG transfers the refund later and pings back.
      vbankRefund: "onRefundNotice",
      // seed 000, cash receipt cautions: receipts issued through the API survive a cancel.
      cancelRevokesReceipt: false,
      // guide caution, vbank_due: only the date counts; the time is always 23:59:59.
      vbankDueTimeOfDay: "23:59:59",
      // seed 000, refund cautions: no tax-free check for virtual accounts without a cash receipt.
      cancelTaxFreeCheck: "exceptVbankWithoutReceipt",
      // seed 000, added parameters: product_count defaults to 1.
      productCountDefault: 1,
      testMode: {
        // guide caution, test mode: check cards can only be cancelled in full.
        checkCardPartialCancel: false,
        // guide caution, test mode: K Bank, Kookmin, Jeonbuk, Gwangju, Daegu ("and others").
        vbankUnavailableBankCodes: ["089", "004", "037", "034", "031"],
      },
    },
  ),
  smartro: profile("integration/pg/v1/smartro", ["card", "trans", "vbank"], { checkout: ["card", "trans", "vbank"] }),
  nice_v2: profile(
    "integration/pg/v1/nice-v2",
    [
      "card",
      "trans",
      "vbank",
      "phone",
      "cultureland",
      "naverpay_card",
      "naverpay_point",
      "kakaopay",
      "payco",
      "samsungpay",
      "skpay",
      "ssgpay",
      "ssgpay_bank",
      "lpay",
      "applepay",
      "tosspay_card",
      "tosspay_money",
      "alipay",
    ],
    { checkout: CHECKOUT_4, keyed: CARD, billingKey: CARD },
  ),
  nice: profile("integration/pg/v1/nice", ["card", "trans", "vbank", "phone", "kakaopay"], {
    checkout: CHECKOUT_4,
    billingKey: CARD,
  }),
  kcp: profile(
    "integration/pg/v1/nhn-kcp",
    [
      "card",
      "trans",
      "vbank",
      "phone",
      "cultureland",
      "smartculture",
      "booknlife",
      "happymoney",
      "payco",
      "lpay",
      "kakaopay",
      "naverpay",
      "samsung",
      "ssgpay",
      "applepay",
      "tosspay",
      "point",
    ],
    { checkout: CHECKOUT_4, keyed: CARD, billingKey: CARD },
  ),
  kcp_billing: profile("support/code-info/pg (billing-key window code of kcp)", ["card"]),
  kcp_quick: profile("integration/pg/v1/nhn-kcp/kcp-quickpay", ["card", "trans"]),
  kcp_v2: profile("no V1 integration page", null),
  html5_inicis: profile(
    "integration/pg/v1/inicis",
    [
      "card",
      "kakaopay",
      "naverpay",
      "samsung",
      "applepay",
      "ssgpay",
      "payco",
      "tosspay",
      "lpay",
      "trans",
      "vbank",
      "phone",
      "cultureland",
      "smartculture",
      "happymoney",
      "booknlife",
    ],
    { checkout: CHECKOUT_4, keyed: CARD, billingKey: CARD },
  ),
  inicis: profile("support/code-info/pg (API billing-key code of KG Inicis)", ["card"]),
  inicis_unified: profile("no V1 integration page", null),
  tosspayments: profile(
    "integration/pg/v1/newtoss",
    [
      "card",
      "trans",
      "vbank",
      "phone",
      "booknlife",
      "smartculture",
      "cultureland",
      "kakaopay",
      "naverpay",
      "lpay",
      "samsungpay",
      "ssgpay",
      "applepay",
      "payco",
      "tosspay",
    ],
    { checkout: CHECKOUT_4, keyed: CARD, billingKey: CARD },
    // official document, issueReceipt and issueExternalReceipt: the PG does not validate receipt requests.
    { checksReceiptIdentifier: false },
  ),
  uplus: profile(
    "integration/pg/v1/toss (the former Toss Payments module)",
    [
      "card",
      "trans",
      "vbank",
      "phone",
      "cultureland",
      "smartculture",
      "booknlife",
      "applepay",
      "tosspay",
      "naverpay",
      "kakaopay",
      "lpay",
      "payco",
      "samsung",
    ],
    { checkout: CHECKOUT_4 },
  ),
  tosspay_v2: profile("integration/pg/v1/tosspay-v2", ["tosspay", "tosspay_card", "tosspay_money"]),
  danal: profile("integration/pg/v1/danal", ["phone"], { checkout: ["phone"] }),
  danal_tpay: profile("integration/pg/v1/danal", ["card", "trans", "vbank", "cultureland", "happymoney"], {
    checkout: ["card", "trans", "vbank"],
  }),
  daou: profile(
    "integration/pg/v1/daou (Kiwoom Pay)",
    [
      "card",
      "trans",
      "vbank",
      "kakaopay",
      "naverpay",
      "payco",
      "samsung",
      "applepay",
      "cultureland",
      "smartculture",
      "booknlife",
      "phone",
    ],
    { checkout: ["card", "trans", "vbank"], keyed: CARD, billingKey: CARD },
  ),
  settle: profile("integration/pg/v1/settle (Hecto Financial)", ["card", "trans", "vbank", "phone"], {
    checkout: CHECKOUT_4,
    billingKey: CARD,
  }),
  settle_acc: profile("integration/pg/v1/settle/mybank", ["trans"]),
  settle_firm: profile("no V1 integration page", null),
  ksnet: profile(
    "integration/pg/v1/ksnet",
    ["card", "vbank", "trans", "phone", "lpay", "ssgpay", "kakaopay", "naverpay", "payco"],
    { checkout: CHECKOUT_4, keyed: CARD, billingKey: CARD },
  ),
  kicc: profile("integration/pg/v1/kicc (EasyPay)", ["card", "trans", "vbank", "phone"], { checkout: CHECKOUT_4 }),
  welcome: profile(
    "integration/pg/v1/welcome",
    ["card", "trans", "vbank", "phone", "culturegift", "lpay", "kakaopay", "payco", "tosspay", "naverpay"],
    { checkout: CHECKOUT_4, billingKey: CARD },
  ),
  eximbay: profile(
    "integration/pg/v1/eximbay",
    ["card", "alipay", "unionpay", "tenpay", "econtext", "wechat", "molpay"],
    { checkout: CARD },
  ),
  paypal_v2: profile("integration/pg/v1/rt", ["paypal"]),
  paymentwall: profile("integration/pg/v1/paymentwall (pay_method is ignored)", null),
  kakaopay: profile("integration/pg/v1/kakaopay (card or money, chosen in the app)", ["card", "money"]),
  naverpay: profile("integration/pg/v1/naver (no pay_method parameter)", null),
  naverco: profile("no V1 integration page", null),
  payco: profile("integration/pg/v1/payco", ["card", "trans", "vbank"]),
  chai: profile("no V1 integration page", null),
  mobilians: profile("integration/pg/v1/kg", ["card", "phone"]),
  galaxia: profile("integration/pg/v1/galaxia", null),
};
