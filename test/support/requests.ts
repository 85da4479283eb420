/**
 * The requests tests send again and again, in one place: keyed card payments, the control API
 * (`/__mock/...`), PG notices, a Smartro v2 virtual account, and the buyer, refund account and
 * shipping addresses that Smartro v2 asks for.
 */
import { CARD, orderId, SMARTRO, type Encoding, type TestMock } from "./mock.ts";

/** Buyer fields: what Smartro v2 requires on again, schedules and virtual accounts. */
export const BUYER = { buyer_name: "Kim", buyer_email: "kim@example.com", buyer_tel: "01012345678" };

/** A refund account, as a virtual-account refund needs it (and Smartro v2 requires it). */
export const REFUND_ACCOUNT = {
  refund_holder: "김입금",
  refund_bank: "088",
  refund_account: "110123456789",
  refund_tel: "01012345678",
};

/** A shipping party's address in the formed shape Smartro v2 requires. */
const formedAddress = (line1: string) => ({ address_line_1: line1, address_line_2: "101동 202호" });
/** An escrow shipment's sender and receiver, with formed addresses. */
export const SENDER = {
  name: "데모상점",
  tel: "0212345678",
  postcode: "06236",
  formed_address: formedAddress("서울 강남구 테헤란로 1"),
};
export const RECEIVER = {
  name: "홍길동",
  tel: "01012345678",
  postcode: "04524",
  formed_address: formedAddress("서울 중구 세종대로 110"),
};

export const ONETIME = "/subscribe/payments/onetime";

/**
 * The body of a keyed card payment: 1000 won on the test card, with a fresh merchant_uid unless
 * `fields` names one (even as undefined, to leave it out); `fields` go last and win.
 */
export const onetimeBody = (fields: Record<string, unknown> = {}) => ({
  merchant_uid: "merchant_uid" in fields ? fields.merchant_uid : orderId(),
  amount: 1000,
  ...CARD,
  ...fields,
});

/** POST /subscribe/payments/onetime with `onetimeBody(fields)` in the given encoding; the whole answer. */
export const onetime = (mock: TestMock, fields: Record<string, unknown> = {}, encoding: Encoding = "json") =>
  mock.post(ONETIME, encoding, onetimeBody(fields));

/** A keyed payment's `response`: the payment (paid or failed), or null when refused. */
export const keyedPayment = async (mock: TestMock, fields: Record<string, unknown> = {}) =>
  (await onetime(mock, fields)).body.response;

/** A call to the mock's control API: `path` below `/__mock`, no token, a JSON body and a query if given. */
export const control = (
  mock: TestMock,
  method: string,
  path: string,
  json?: unknown,
  query?: Record<string, unknown>,
) =>
  mock.call(method, `/__mock${path}`, {
    token: null,
    ...(json === undefined ? {} : { json }),
    ...(query ? { query } : {}),
  });

/** A notice from the PG (POST /__mock/pg-notices), the body as given. */
export const pgNotice = (mock: TestMock, body: Record<string, unknown>) => control(mock, "POST", "/pg-notices", body);
/** The PG's notice that the buyer deposited into a virtual account. */
export const deposit = (mock: TestMock, body: Record<string, unknown>) => pgNotice(mock, { kind: "deposit", ...body });

/** The body of POST /vbanks for a Smartro v2 virtual account of 15000 won, due 2026-01-05, with every field Smartro v2 needs. */
export const smartroVbankBody = (fields: Record<string, unknown> = {}) => ({
  channel_key: SMARTRO,
  merchant_uid: orderId("vb"),
  amount: 15000,
  vbank_code: "088",
  vbank_due: "2026-01-05",
  vbank_holder: "데모상점",
  name: "plan",
  ...BUYER,
  ...fields,
});

/** POST /vbanks with `smartroVbankBody(fields)`; the account issued (its `response`). */
export const smartroVbank = async (mock: TestMock, fields: Record<string, unknown> = {}, encoding: Encoding = "json") =>
  (await mock.post("/vbanks", encoding, smartroVbankBody(fields))).body.response;
