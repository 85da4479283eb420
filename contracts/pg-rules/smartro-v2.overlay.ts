/**
 * Smartro v2 rules that the official document does not carry as structured data. Each rule cites
 * where it comes from; none repeats a derived rule (a test holds the overlay to that), so removing
 * one changes what the mock enforces.
 *
 * Sources:
 *   seed 000 = the Smartro API integration page the product was specified from (docs/domain.md §3)
 *   guide smartro-v2/caution, smartro-v2/api = PortOne's V1 integration guide for Smartro v2
 */
import { DATE_FORMATS, type RuleExclusion, type RuleRow, type RuleSource, type SourcedRule } from "./types.ts";

const seed = (section: string): RuleSource => ({ kind: "seed", document: "000 Smartro API integration", section });
const routingSeed = (section: string): RuleSource => ({ kind: "seed", document: "001 smart routing", section });
const guide = (page: string, section: string): RuleSource => ({ kind: "guide", page, section });

/** Smartro v2 takes order numbers of letters and digits only; each operation cites its own source. */
const lettersAndDigitsOnly = (field: string, source: RuleSource): SourcedRule => ({
  kind: "pattern",
  field,
  pattern: "^[A-Za-z0-9]+$",
  meaning: "letters and digits only (no special characters)",
  source,
});
/** Won only, and won when the request names no currency. */
const KRW_ONLY: SourcedRule = {
  kind: "allowedValues",
  field: "currency",
  values: ["KRW"],
  whenAbsent: "KRW",
  source: guide("smartro-v2/caution", "currency"),
};
const CARD_FIELDS = ["card_number", "expiry", "birth", "pwd_2digit", "cvc"];

export const smartroV2Rows: RuleRow[] = [
  {
    // The browser checkout (IMP.request_pay) is no REST operation; its rules sit under the SDK call's name.
    pg: "smartro_v2",
    operation: "request_pay",
    rules: [
      lettersAndDigitsOnly(
        "merchant_uid",
        routingSeed("parameters: merchant_uid (스마트로 신모듈의 경우 특수문자 포함이 불가능)"),
      ),
      { kind: "required", field: "buyer_tel", source: guide("smartro-v2/readme", "buyer_tel (일반 결제시 필수 입력)") },
      {
        kind: "required",
        field: "vbank_due",
        when: { requestPayMethodIn: ["vbank"] },
        source: guide("smartro-v2/caution", "vbank_due 파라미터는 필수 입력"),
      },
      {
        // The SDK takes the deadline as text; the guide: an invalid date and the window does not open.
        kind: "dateFormat",
        field: "vbank_due",
        formats: DATE_FORMATS.filter((format) => format !== "unix"),
        source: guide("smartro-v2/caution", "vbank_due 파라미터는 필수 입력"),
      },
      {
        kind: "required",
        field: "customer_id",
        when: { requestHas: "customer_uid" },
        source: guide("smartro-v2/caution", "빌링키 발급시 customer_id는 필수 입력"),
      },
      { kind: "maxLength", field: "customer_id", max: 20, source: guide("smartro-v2/caution", "customer_id") },
      {
        kind: "required",
        field: "digital",
        when: { requestPayMethodIn: ["phone"] },
        source: guide("smartro-v2/caution", "휴대폰 소액결제시 digital 파라미터는 필수 입력"),
      },
      KRW_ONLY,
    ],
  },
  {
    // Only the logistics are required to change a shipment, but addresses sent with it must be in
    // formed_address: Smartro v2 takes the street and the detail apart, not addr.
    pg: "smartro_v2",
    operation: "escrow_logis_edit",
    rules: [
      {
        kind: "forbidden",
        fields: ["sender.addr", "receiver.addr"],
        meaning: "smartro_v2 takes addresses in formed_address (address_line_1 and address_line_2), not addr",
        source: seed("escrow shipping modify: cautions"),
      },
    ],
  },
  {
    pg: "smartro_v2",
    operation: "again",
    rules: [lettersAndDigitsOnly("merchant_uid", seed("billing-key payment: cautions")), KRW_ONLY],
  },
  {
    pg: "smartro_v2",
    operation: "schedule",
    rules: [
      lettersAndDigitsOnly("schedules[].merchant_uid", seed("scheduled payment: cautions")),
      {
        kind: "maxLength",
        field: "schedules[].merchant_uid",
        max: 40,
        source: guide("smartro-v2/caution", "merchant_uid"),
      },
      {
        kind: "allowedValues",
        field: "schedules[].currency",
        values: ["KRW"],
        whenAbsent: "KRW",
        source: guide("smartro-v2/caution", "currency"),
      },
      {
        kind: "forbidden",
        fields: CARD_FIELDS,
        meaning: "smartro_v2 cannot issue a billing key through the API, so a schedule cannot carry card data",
        source: seed("scheduled payment: cautions"),
      },
    ],
  },
  {
    pg: "smartro_v2",
    operation: "createVbank",
    rules: [
      lettersAndDigitsOnly("merchant_uid", seed("virtual account issue: cautions")),
      {
        kind: "dateFormat",
        field: "vbank_due",
        formats: [...DATE_FORMATS],
        source: guide("smartro-v2/caution", "vbank_due"),
      },
    ],
  },
  {
    pg: "smartro_v2",
    operation: "issueExternalReceipt",
    rules: [
      // A note on the parameter, not structured data, so derivation does not pick it up.
      lettersAndDigitsOnly("merchant_uid", {
        kind: "official",
        at: "parameter issueExternalReceipt.merchant_uid (smartro_v2 note)",
      }),
    ],
  },
  {
    pg: "smartro_v2",
    operation: "customer_save",
    rules: [
      { kind: "required", field: "customer_id", source: guide("smartro-v2/caution", "customer_id") },
      { kind: "maxLength", field: "customer_id", max: 20, source: guide("smartro-v2/caution", "customer_id") },
    ],
  },
  {
    pg: "smartro_v2",
    operation: "cancelPayment",
    rules: [
      { kind: "required", field: "imp_uid", source: seed("refund: required parameters") },
      ...["refund_holder", "refund_account", "refund_bank", "refund_tel"].map((field) => ({
        kind: "required" as const,
        field,
        when: { paymentPayMethodIn: ["vbank", "trans"] },
        source: seed("refund: required parameters (virtual account and bank transfer payments)"),
      })),
      {
        kind: "required",
        field: "tax_free",
        when: { partialCancelOfTaxFreePayment: true },
        source: seed("refund: cautions (partial cancel with a tax-free amount)"),
      },
    ],
  },
];

export const smartroV2Exclusions: RuleExclusion[] = [
  {
    // The sender/receiver rules come from definitions that register and modify share; modify
    // takes only the logistics.
    pg: "smartro_v2",
    operation: "escrow_logis_edit",
    fields: ["sender.*", "receiver.*"],
    source: seed("escrow shipping modify: required parameters"),
  },
];
