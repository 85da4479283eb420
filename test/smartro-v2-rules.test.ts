/**
 * Smartro v2, docs/domain.md §3, line by line: each rule is checked on its own, so removing any one
 * from the overlay or the derived matrix fails a test here (and the derived file's freshness test).
 */
import { describe, expect, test } from "vitest";
import factsJson from "../contracts/facts/iamport-v1.facts.json" with { type: "json" };
import type { SpecFacts } from "../contracts/facts/types.ts";
import type { OperationKey } from "../contracts/operations.ts";
import {
  DEFAULT_BEHAVIOURS,
  derivedMatrix,
  normalisePg,
  overlayRows,
  pgProfiles,
  rulesFor,
  type SourcedRule,
} from "../contracts/pg-rules/index.ts";
import type { PaymentFacts } from "../mock-server/pg/check-rules.ts";
import { validateRequest, type RequestParts } from "../mock-server/pg/validate-request.ts";
import { BUYER, RECEIVER, SENDER } from "./support/requests.ts";

const PG = "smartro_v2";
const logis = { company: "CJ", invoice: "123456", sent_at: 1767193199 };
const card: PaymentFacts = { pay_method: "card", amount: 10000, cancel_amount: 0, tax_free: 0 };

/** A request Smartro v2 accepts, per operation. */
const valid: Partial<Record<OperationKey, RequestParts>> = {
  again: { body: { customer_uid: "cust1", merchant_uid: "order1", amount: 1000, name: "plan", ...BUYER } },
  schedule: {
    body: {
      customer_uid: "cust1",
      schedules: [{ merchant_uid: "sched1", schedule_at: 1767193199, amount: 1000, name: "plan", ...BUYER }],
    },
  },
  createVbank: {
    body: {
      channel_key: "ck",
      merchant_uid: "vbank1",
      amount: 1000,
      vbank_code: "088",
      vbank_due: "20261231",
      vbank_holder: "Kim",
      ...BUYER,
    },
  },
  escrow_logis_save: { params: { imp_uid: "imp_1" }, body: { sender: SENDER, receiver: RECEIVER, logis } },
  escrow_logis_edit: { params: { imp_uid: "imp_1" }, body: { logis } },
  issueReceipt: {
    params: { imp_uid: "imp_1" },
    body: { identifier: "01012345678", type: "person", buyer_name: "Kim", buyer_tel: "010" },
  },
  issueExternalReceipt: {
    params: { merchant_uid: "ext1" },
    body: {
      channel_key: "ck",
      name: "goods",
      amount: 1000,
      identifier: "01012345678",
      type: "person",
      buyer_name: "Kim",
      buyer_tel: "010",
    },
  },
  cancelPayment: { body: { imp_uid: "imp_1" } },
};

function without(parts: RequestParts, path: string): RequestParts {
  const copy = structuredClone(parts);
  const [part, ...rest] = path.startsWith(":") ? ["params", path.slice(1)] : ["body", ...path.split(".")];
  let node = copy[part as keyof RequestParts] as Record<string, unknown>;
  const segments = rest.join(".").split(".");
  for (const segment of segments.slice(0, -1))
    node = (segment === "schedules[]" ? (node.schedules as unknown[])[0] : node[segment]) as Record<string, unknown>;
  delete node[segments.at(-1)!];
  return copy;
}

const problems = (key: OperationKey, parts: RequestParts, payment: PaymentFacts = card) => {
  const result = validateRequest(key, parts, PG, { payment });
  return result.ok ? [] : result.problems.map((p) => `${p.field ?? "-"}: ${p.message}`);
};

test.each(Object.keys(valid) as OperationKey[])("%s: the valid Smartro v2 request passes", (key) => {
  expect(problems(key, valid[key]!)).toEqual([]);
});

// Every required field of docs/domain.md §3, by operation. A leading ":" marks a path parameter.
const REQUIRED: [OperationKey, string[]][] = [
  ["again", ["customer_uid", "merchant_uid", "amount", "buyer_name", "buyer_email", "buyer_tel"]],
  [
    "schedule",
    [
      "customer_uid",
      "schedules[].merchant_uid",
      "schedules[].amount",
      "schedules[].buyer_name",
      "schedules[].buyer_email",
      "schedules[].buyer_tel",
    ],
  ],
  [
    "createVbank",
    ["merchant_uid", "amount", "vbank_code", "vbank_due", "vbank_holder", "buyer_name", "buyer_email", "buyer_tel"],
  ],
  [
    "escrow_logis_save",
    [
      ":imp_uid",
      "sender.name",
      "sender.tel",
      "sender.postcode",
      "sender.formed_address",
      "sender.formed_address.address_line_1",
      "sender.formed_address.address_line_2",
      "receiver.name",
      "receiver.tel",
      "receiver.postcode",
      "receiver.formed_address",
      "receiver.formed_address.address_line_1",
      "receiver.formed_address.address_line_2",
      "logis.company",
      "logis.invoice",
      "logis.sent_at",
    ],
  ],
  ["escrow_logis_edit", [":imp_uid", "logis.company", "logis.invoice", "logis.sent_at"]],
  ["issueReceipt", [":imp_uid", "identifier", "type", "buyer_name", "buyer_tel"]],
  ["issueExternalReceipt", [":merchant_uid", "name", "amount", "identifier", "type", "buyer_name", "buyer_tel"]],
  ["cancelPayment", ["imp_uid"]],
];

describe.each(REQUIRED)("%s requires", (key, fields) => {
  test.each(fields)("%s", (field) => {
    const name = field.replace(/^:/, "").replace("schedules[]", "schedules[0]");
    expect(problems(key, without(valid[key]!, field)).join("\n")).toContain(name);
  });
});

test("a cancel of a vbank or trans payment requires the refund account; of a card payment it does not", () => {
  const refund = { refund_holder: "Kim", refund_account: "12345678", refund_bank: "088", refund_tel: "010" };
  for (const pay_method of ["vbank", "trans"]) {
    const payment = { ...card, pay_method };
    expect(problems("cancelPayment", { body: { imp_uid: "imp_1", ...refund } }, payment)).toEqual([]);
    for (const field of Object.keys(refund)) {
      expect(
        problems("cancelPayment", without({ body: { imp_uid: "imp_1", ...refund } }, field), payment).join(),
      ).toContain(`${field} is required by smartro_v2 when the payment's pay_method is vbank or trans`);
    }
  }
  expect(problems("cancelPayment", { body: { imp_uid: "imp_1" } }, card)).toEqual([]);
});

test("a partial cancel of a payment with a tax-free amount requires tax_free; a full cancel does not", () => {
  const payment = { ...card, tax_free: 2000 };
  expect(problems("cancelPayment", { body: { imp_uid: "imp_1", amount: 3000 } }, payment).join()).toContain(
    "tax_free is required by smartro_v2 for a partial cancel",
  );
  expect(problems("cancelPayment", { body: { imp_uid: "imp_1", amount: 3000, tax_free: 0 } }, payment)).toEqual([]);
  expect(problems("cancelPayment", { body: { imp_uid: "imp_1" } }, payment)).toEqual([]);
  expect(problems("cancelPayment", { body: { imp_uid: "imp_1", amount: 3000 } }, card)).toEqual([]);
});

test.each([
  ["again", { merchant_uid: "order-1" }, 'merchant_uid "order-1": smartro_v2 allows letters and digits only'],
  ["createVbank", { merchant_uid: "order_1" }, 'merchant_uid "order_1": smartro_v2 allows letters and digits only'],
] as const)("%s: merchant_uid with a special character is refused", (key, change, message) => {
  const parts = structuredClone(valid[key]!);
  Object.assign(parts.body!, change);
  expect(problems(key, parts).join()).toContain(message);
});

test("schedule: each schedule's merchant_uid holds letters and digits only, at most 40 of them", () => {
  const parts = structuredClone(valid.schedule!);
  const schedule = (parts.body!.schedules as Record<string, unknown>[])[0]!;
  parts.body!.schedules = [
    schedule,
    { ...schedule, merchant_uid: "sched#2" },
    { ...schedule, merchant_uid: "x".repeat(41) },
  ];
  expect(problems("schedule", parts)).toEqual([
    'schedules[1].merchant_uid: schedules[1].merchant_uid "sched#2": smartro_v2 allows letters and digits only (no special characters)',
    "schedules[2].merchant_uid: schedules[2].merchant_uid is 41 characters; smartro_v2 allows at most 40",
  ]);
});

test("currency: KRW only, absent meaning KRW", () => {
  const again = structuredClone(valid.again!);
  again.body!.currency = "USD";
  expect(problems("again", again).join()).toContain('currency "USD" is not supported by smartro_v2; it accepts KRW');
  again.body!.currency = "KRW";
  expect(problems("again", again)).toEqual([]);
  const schedule = structuredClone(valid.schedule!);
  (schedule.body!.schedules as Record<string, unknown>[])[0]!.currency = "JPY";
  expect(problems("schedule", schedule).join()).toContain('schedules[0].currency "JPY" is not supported by smartro_v2');
});

test("schedule: card data would issue a new billing key, which smartro_v2 cannot do through the API", () => {
  const parts = structuredClone(valid.schedule!);
  Object.assign(parts.body!, { card_number: "1234-1234-1234-1234", expiry: "2030-12" });
  expect(problems("schedule", parts)).toEqual([
    "card_number: card_number cannot be sent: smartro_v2 cannot issue a billing key through the API, so a schedule cannot carry card data",
    "expiry: expiry cannot be sent: smartro_v2 cannot issue a billing key through the API, so a schedule cannot carry card data",
  ]);
});

test.each([["2026-12-31"], ["20261231"], ["2026-12-31 10:00:00"], ["20261231100000"], [1767193199]])(
  "vbank_due %j is accepted",
  (due) => {
    const parts = structuredClone(valid.createVbank!);
    parts.body!.vbank_due = due;
    expect(problems("createVbank", parts)).toEqual([]);
  },
);

test.each([["2026/12/31"], ["20261340"], ["2026-02-30"], ["tomorrow"], [-5]])(
  "vbank_due %j is refused, naming the accepted forms",
  (due) => {
    const parts = structuredClone(valid.createVbank!);
    parts.body!.vbank_due = due;
    expect(problems("createVbank", parts).join()).toContain(
      "is not a date smartro_v2 accepts (unix seconds, YYYY-MM-DD, YYYYMMDD",
    );
  },
);

test("API billing-key issue is not supported, and a key would need customer_id of at most 20 characters", () => {
  const body = { card_number: "1234-1234-1234-1234", expiry: "2030-12", customer_id: "x".repeat(21) };
  const found = problems("customer_save", { params: { customer_uid: "cust1" }, body });
  expect(found[0]).toBe("-: smartro_v2 does not support customer_save");
  expect(found).toContain("customer_id: customer_id is 21 characters; smartro_v2 allows at most 20");
  expect(
    problems("customer_save", { params: { customer_uid: "cust1" }, body: { card_number: "1", expiry: "2030-12" } }),
  ).toContain("customer_id: customer_id is required by smartro_v2");
});

test("keyed (onetime) payments are not supported", () => {
  const body = { merchant_uid: "o1", amount: 1000, card_number: "1234-1234-1234-1234", expiry: "2030-12" };
  expect(problems("onetime", { body })).toEqual(["-: smartro_v2 does not support onetime"]);
});

test("escrow register refuses an addr-only address; modify needs no sender or receiver, but refuses addresses in addr", () => {
  const bare = { name: "Kim", tel: "02", postcode: "06236", addr: "Seoul" };
  const found = problems("escrow_logis_save", {
    params: { imp_uid: "imp_1" },
    body: { sender: bare, receiver: bare, logis },
  });
  expect(found.join("\n")).toContain("sender.formed_address is required by smartro_v2");
  expect(found.join("\n")).toContain("receiver.formed_address is required by smartro_v2");
  expect(problems("escrow_logis_edit", { params: { imp_uid: "imp_1" }, body: { logis } })).toEqual([]);
  expect(
    problems("escrow_logis_edit", { params: { imp_uid: "imp_1" }, body: { logis, sender: bare, receiver: bare } }),
  ).toEqual([
    "sender.addr: sender.addr cannot be sent: smartro_v2 takes addresses in formed_address (address_line_1 and address_line_2), not addr",
    "receiver.addr: receiver.addr cannot be sent: smartro_v2 takes addresses in formed_address (address_line_1 and address_line_2), not addr",
  ]);
});

/** A rule as a line, for comparing whole sets. */
const line = (operation: string, rule: SourcedRule) =>
  [
    operation,
    rule.kind,
    "field" in rule ? rule.field : "fields" in rule ? rule.fields.join(",") : "",
    "when" in rule && rule.when ? JSON.stringify(rule.when) : "",
  ]
    .join(" ")
    .trim();

test("the Smartro v2 rows are exactly these rules (so none can go missing unnoticed)", () => {
  const operations = [
    "request_pay",
    "again",
    "schedule",
    "createVbank",
    "escrow_logis_save",
    "escrow_logis_edit",
    "issueReceipt",
    "issueExternalReceipt",
    "cancelPayment",
    "customer_save",
    "onetime",
    "modifyVbank",
  ];
  const lines = operations.flatMap((op) => rulesFor(PG, op).map((rule) => line(op, rule)));
  expect(lines).toEqual([
    "request_pay pattern merchant_uid",
    "request_pay required buyer_tel",
    'request_pay required vbank_due {"requestPayMethodIn":["vbank"]}',
    "request_pay dateFormat vbank_due",
    'request_pay required customer_id {"requestHas":"customer_uid"}',
    "request_pay maxLength customer_id",
    'request_pay required digital {"requestPayMethodIn":["phone"]}',
    "request_pay allowedValues currency",
    "again required buyer_name",
    "again required buyer_email",
    "again required buyer_tel",
    "again pattern merchant_uid",
    "again allowedValues currency",
    "schedule required schedules[].buyer_name",
    "schedule required schedules[].buyer_email",
    "schedule required schedules[].buyer_tel",
    "schedule pattern schedules[].merchant_uid",
    "schedule maxLength schedules[].merchant_uid",
    "schedule allowedValues schedules[].currency",
    "schedule forbidden card_number,expiry,birth,pwd_2digit,cvc",
    "createVbank required vbank_holder",
    "createVbank required buyer_name",
    "createVbank required buyer_email",
    "createVbank required buyer_tel",
    "createVbank pattern merchant_uid",
    "createVbank dateFormat vbank_due",
    "escrow_logis_save required sender.name",
    "escrow_logis_save required sender.tel",
    "escrow_logis_save required sender.postcode",
    "escrow_logis_save required sender.formed_address",
    "escrow_logis_save required sender.formed_address.address_line_1",
    "escrow_logis_save required sender.formed_address.address_line_2",
    "escrow_logis_save required receiver.name",
    "escrow_logis_save required receiver.tel",
    "escrow_logis_save required receiver.postcode",
    "escrow_logis_save required receiver.formed_address",
    "escrow_logis_save required receiver.formed_address.address_line_1",
    "escrow_logis_save required receiver.formed_address.address_line_2",
    "escrow_logis_edit forbidden sender.addr,receiver.addr",
    "issueReceipt required type",
    "issueReceipt required buyer_name",
    "issueReceipt required buyer_tel",
    "issueExternalReceipt required type",
    "issueExternalReceipt required buyer_name",
    "issueExternalReceipt required buyer_tel",
    "issueExternalReceipt pattern merchant_uid",
    "cancelPayment required imp_uid",
    'cancelPayment required refund_holder {"paymentPayMethodIn":["vbank","trans"]}',
    'cancelPayment required refund_account {"paymentPayMethodIn":["vbank","trans"]}',
    'cancelPayment required refund_bank {"paymentPayMethodIn":["vbank","trans"]}',
    'cancelPayment required refund_tel {"paymentPayMethodIn":["vbank","trans"]}',
    'cancelPayment required tax_free {"partialCancelOfTaxFreePayment":true}',
    "customer_save unsupported",
    "customer_save required customer_id",
    "customer_save maxLength customer_id",
    "onetime unsupported",
    "modifyVbank unsupported",
  ]);
});

test("the overlay adds only what the official document does not already say", () => {
  for (const row of overlayRows) {
    const derived = derivedMatrix.rows.find((r) => r.pg === row.pg && r.operation === row.operation)?.rules ?? [];
    const derivedLines = new Set(derived.map((rule) => line(row.operation, rule)));
    for (const rule of row.rules)
      expect(derivedLines.has(line(row.operation, rule)), line(row.operation, rule)).toBe(false);
  }
});

test("the Smartro v2 behaviours the seed and the guide describe", () => {
  expect(pgProfiles.smartro_v2!.behaviours).toEqual({
    vbankRefund: "onRefundNotice",
    cancelRevokesReceipt: false,
    checksReceiptIdentifier: true,
    vbankDueTimeOfDay: "23:59:59",
    cancelTaxFreeCheck: "exceptVbankWithoutReceipt",
    productCountDefault: 1,
    testMode: { checkCardPartialCancel: false, vbankUnavailableBankCodes: ["089", "004", "037", "034", "031"] },
  });
  expect(pgProfiles.smartro_v2!.routing).toEqual({ checkout: ["card", "trans", "vbank", "phone"] });
  expect(pgProfiles.nice_v2!.behaviours).toEqual(DEFAULT_BEHAVIOURS);
});

test("all 27 PG codes of the official per-PG annotations are in the matrix, each with a profile", () => {
  const facts = factsJson as unknown as SpecFacts;
  const raw = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "perPg") Object.keys(value as object).forEach((pg) => raw.add(pg));
      walk(value);
    }
  };
  walk(facts);
  expect(raw.size).toBe(27);
  for (const pg of raw) expect(derivedMatrix.pgCodes).toContain(normalisePg(pg));
  for (const pg of derivedMatrix.pgCodes) expect(pgProfiles[pg], pg).toBeDefined();
});
