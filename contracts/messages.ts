/**
 * The real service's `message` texts, as data: what the live iamport API says in each situation
 * the mock knows it for, with where that was seen. The mock answers with these by default; its
 * own explanation of a refusal (the field, the rule, the PG) travels beside them in the
 * `X-Iamport-Mock-Explanation` header and the journal (docs/decisions/011-answering-as-the-real-service.md).
 *
 * `{name}` in a text is filled from the failure's parameters (e.g. the customer_uid asked for).
 * Evidence levels:
 * - `observed`: a public client's test ran against the live API and checked this text;
 * - `documented`: PortOne's docs or the official document print it;
 * - `inferred`: seen in a public client's code or an issue thread, not checked against the live API;
 * - `style`: no source has the text; the mock's own sentence in the real service's voice (Korean,
 *   polite, ending in a full stop). Used where the catalogue has no real text.
 */

/** The response header that carries the mock's own explanation of a refusal (never sent by the live API). */
export const EXPLANATION_HEADER = "X-Iamport-Mock-Explanation";

export type Evidence = "observed" | "documented" | "inferred" | "style";

export interface RealMessage {
  text: string;
  evidence: Evidence;
  /** Where the text was seen: `owner/repo:path`, a docs page, or why it is the mock's own. */
  source: string;
}

const OWN_VOICE = "no public source has this situation's text; the mock's own sentence in the service's style";

export const REAL_MESSAGES = {
  // --- Tokens -------------------------------------------------------------------------------
  wrongCredentials: {
    text: "인증에 실패하였습니다. API키와 secret을 확인하세요.",
    evidence: "inferred",
    source:
      "posquit0/node-iamporter test/auth.test.js (HTTP 401 on the live API); the text from gongdo/iamport-rest-client-net test/Iamport.RestApi.Tests/Apis/UsersApiTest.cs and merchants' logs",
  },
  credentialsMissing: {
    text: "imp_key, imp_secret 파라메터가 누락되었습니다.",
    evidence: "observed",
    source:
      "posquit0/node-iamporter test/auth.test.js; ModernPUG/iamport-rest-client-modern-php tests/HttpClientTest.php (code -1)",
  },
  tokenRefused: {
    text: "Unauthorized",
    evidence: "inferred",
    source:
      "HTTP 401 observed by posquit0/node-iamporter test/payment.test.js; merchants' code compares the body's message with \"Unauthorized\" (no Korean text is known)",
  },

  // --- Payments -----------------------------------------------------------------------------
  paymentNotFound: {
    text: "존재하지 않는 결제정보입니다.",
    evidence: "observed",
    source:
      "posquit0/node-iamporter test/payment.test.js (GET /payments/{imp_uid}, /find, /findAll: HTTP 404); iamport/iamport-rest-client-ruby spec/iamport_spec.rb; the official document's example",
  },
  paymentsNotFound: {
    text: "해당되는 결제건을 찾지 못하였습니다.",
    evidence: "documented",
    source: "official document, GET /payments: the 404 answer's description, written as a message",
  },
  unsupportedStatus: {
    text: "지원되지 않는 상태값입니다.",
    evidence: "observed",
    source: "posquit0/node-iamporter test/payment.test.js (GET /payments/status/{payment_status})",
  },
  preparedNotFound: {
    text: "사전등록된 결제정보가 존재하지 않습니다.",
    evidence: "observed",
    source: "posquit0/node-iamporter test/payment.test.js (GET /payments/prepare/{merchant_uid}: HTTP 404)",
  },
  alreadyPrepared: {
    text: "결제정보 사전등록에 실패하였습니다(이미 등록된 merchant_uid입니다).",
    evidence: "inferred",
    source:
      "two merchants' code that handles this answer with code 1 (jmnghn/iamport_test django_app/billing/iamport.py)",
  },
  orderAlreadyPaid: {
    text: "이미 주문이 이루어진 건입니다. (동일한 merchant_uid로 결제 또는 취소된 기록이 있습니다)",
    evidence: "observed",
    source:
      "ClaudeSeo/go-iamport iamport_test.go (the first sentence, on the live API); the whole text copied from a live answer in moskalabs/rebora-backend",
  },

  // --- Cancels ------------------------------------------------------------------------------
  nothingToCancel: {
    text: "취소할 결제건이 존재하지 않습니다.",
    evidence: "observed",
    source:
      "iamport/iamport-rest-client-python tests/test_cancel.py (HTTP 200, code 1); kde713/iamporter-python test.py; posquit0/node-iamporter test/payment.test.js",
  },
  cancelTargetMissing: {
    text: "취소할 imp_uid 또는 merchant_uid를 지정해주셔야합니다.",
    evidence: "inferred",
    source:
      "posquit0/node-iamporter test/payment.test.js checks the ending (지정해주셔야합니다.) on the live API; the beginning from a merchant's copy of the answer",
  },
  alreadyCancelled: {
    text: "이미 전액취소된 주문입니다.",
    evidence: "inferred",
    source:
      "merchants' code comparing the answer's message with it (code 1); iamport/iamport-rest-client-java IamportRestTest.java cancels twice with HTTP 200",
  },

  // --- Card data the card company refuses ---------------------------------------------------
  cardAuthFailed: {
    text: "카드정보 인증에 실패하였습니다.",
    evidence: "observed",
    source:
      "iamport/iamport-rest-client-python tests/test_pay_onetime.py (a keyed payment with an invalid card: code -1, this first sentence; the PG's detail follows it)",
  },
  billingKeyCardFailed: {
    text: "카드정보 인증 및 빌키 발급에 실패하였습니다.",
    evidence: "observed",
    source:
      "iamport/iamport-rest-client-ruby README (a failed billing-key issue's answer, code -1); kde713/iamporter-python test.py (code -1); the PG's detail follows it",
  },
  scheduleCardFailed: {
    text: "카드정보 확인에 실패하였습니다.",
    evidence: "observed",
    source:
      "ClaudeSeo/iamport tests/test_iamport.py (a schedule with card data that fails: code 1); iamport/go-iamport subscribe/subscribe_test.go",
  },

  // --- Billing keys and schedules ----------------------------------------------------------
  unknownBuyer: {
    text: "등록되지 않은 구매자입니다.",
    evidence: "observed",
    source:
      "again with an unknown customer_uid, HTTP 200, code 1: kde713/iamporter-python test.py, ClaudeSeo/iamport tests/test_iamport.py, opengallery/og-iamport-client-python tests/test_pay_again.py, iamport/go-iamport iamport/subscribe_test.go",
  },
  billingKeyNotFound: {
    text: "요청하신 customer_uid({customer_uid})로 등록된 정보를 찾을 수 없습니다.",
    evidence: "observed",
    source:
      "kde713/iamporter-python test.py (GET and DELETE, code 1); opengallery/og-iamport-client-python tests/test_customer_get.py; iamport/go-iamport iamport/subscribe_customer_test.go",
  },
  noBillingChannel: {
    text: "비인증결제모듈 사용정보를 찾을 수 없습니다.",
    evidence: "observed",
    source: "iamport/iamport-rest-client-ruby issue #23 (a live answer: HTTP 200, code 1)",
  },
  scheduleCustomerUnknown: {
    text: "요청하신 customer_uid({customer_uid})에 등록된 고객정보가 없습니다.",
    evidence: "observed",
    source:
      "opengallery/og-iamport-client-python tests/test_pay_schedule.py (code 1, the whole text); iamport/iamport-rest-client-python tests/test_pay_schedule.py and pull request #45 (the wording since 2018)",
  },
  nothingToUnschedule: {
    text: "취소할 예약결제 기록이 존재하지 않습니다.",
    evidence: "observed",
    source:
      "iamport/iamport-rest-client-python tests/test_pay_unschedule.py (code 1); ClaudeSeo/iamport tests/test_iamport.py; iamport/go-iamport iamport/subscribe_test.go",
  },

  // --- The browser checkout (IMP.request_pay's callback) ------------------------------------
  buyerClosed: {
    text: "사용자가 결제를 취소하셨습니다",
    evidence: "inferred",
    source:
      "the text PGs commonly report to the SDK's callback when the buyer closes the payment window (decision 012)",
  },

  // --- Receipts and escrow -----------------------------------------------------------------
  receiptNotFound: {
    text: "해당 아임포트 고유 번호({imp_uid})로 현금영수증을 발급 한 내역이 존재하지 않습니다.",
    evidence: "documented",
    source: "PortOne's NICE v2 payment cautions page (V1), a sample answer with code -1",
  },
  noShipment: {
    text: "등록된 배송정보가 존재하지 않습니다.",
    evidence: "documented",
    source: "official document, GET /escrows/logis/{imp_uid}: the 409 answer, written as a message",
  },

  // --- The service's voice where no real text is known (one per failure kind) ---------------
  invalidParameters: { text: "요청 파라미터가 올바르지 않습니다.", evidence: "style", source: OWN_VOICE },
  notFound: { text: "요청하신 정보가 존재하지 않습니다.", evidence: "style", source: OWN_VOICE },
  notAllowedHere: { text: "허용되지 않는 요청입니다.", evidence: "style", source: OWN_VOICE },
  wrongState: { text: "요청을 처리할 수 없는 상태입니다.", evidence: "style", source: OWN_VOICE },
  bodyTooLarge: { text: "요청 본문이 너무 큽니다.", evidence: "style", source: OWN_VOICE },
  refused: { text: "요청이 거절되었습니다.", evidence: "style", source: OWN_VOICE },
  pgFailed: { text: "PG사와의 통신 중 오류가 발생했습니다.", evidence: "style", source: OWN_VOICE },
  serverFailed: {
    text: "서버 내부 오류가 발생했습니다. 잠시 후 다시 시도해주세요.",
    evidence: "style",
    source: OWN_VOICE,
  },
  pgNotSupported: { text: "지원되지 않는 PG사입니다.", evidence: "style", source: OWN_VOICE },
} as const satisfies Record<string, RealMessage>;

export type RealMessageKey = keyof typeof REAL_MESSAGES;

/** A catalogue text with its `{name}` placeholders filled; an unfilled one stays as written. */
export function realMessageText(key: RealMessageKey, params: Readonly<Record<string, string>> = {}): string {
  return REAL_MESSAGES[key].text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
