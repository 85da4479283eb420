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
    source: "SOURCE",
  },
  credentialsMissing: {
    text: "imp_key, imp_secret 파라메터가 누락되었습니다.",
    evidence: "observed",
    source: "SOURCE",
  },
  tokenRefused: {
    text: "Unauthorized",
    evidence: "inferred",
    source: "SOURCE",
  },

  // --- Payments -----------------------------------------------------------------------------
  paymentNotFound: {
    text: "존재하지 않는 결제정보입니다.",
    evidence: "observed",
    source: "SOURCE",
  },
  unsupportedStatus: {
    text: "지원되지 않는 상태값입니다.",
    evidence: "observed",
    source: "SOURCE",
  },
  preparedNotFound: {
    text: "사전등록된 결제정보가 존재하지 않습니다.",
    evidence: "observed",
    source: "SOURCE",
  },
  alreadyPrepared: {
    text: "결제정보 사전등록에 실패하였습니다(이미 등록된 merchant_uid입니다).",
    evidence: "inferred",
    source: "SOURCE",
  },
  orderAlreadyPaid: {
    text: "이미 주문이 이루어진 건입니다.",
    evidence: "inferred",
    source: "SOURCE",
  },

  // --- Cancels ------------------------------------------------------------------------------
  nothingToCancel: {
    text: "취소할 결제건이 존재하지 않습니다.",
    evidence: "observed",
    source: "SOURCE",
  },
  cancelTargetMissing: {
    text: "imp_uid 또는 merchant_uid 중 하나는 지정해주셔야합니다.",
    evidence: "inferred",
    source: "SOURCE",
  },
  alreadyCancelled: {
    text: "이미 전액취소된 주문입니다.",
    evidence: "inferred",
    source: "SOURCE",
  },

  // --- Billing keys and schedules ----------------------------------------------------------
  unknownBuyer: {
    text: "등록되지 않은 구매자입니다.",
    evidence: "observed",
    source: "SOURCE",
  },
  billingKeyNotFound: {
    text: "요청하신 customer_uid({customer_uid})로 등록된 정보를 찾을 수 없습니다.",
    evidence: "observed",
    source: "SOURCE",
  },
  noBillingChannel: {
    text: "비인증결제모듈 사용정보를 찾을 수 없습니다.",
    evidence: "inferred",
    source: "SOURCE",
  },
  scheduleCustomerUnknown: {
    text: "등록된 고객정보가 없습니다.",
    evidence: "observed",
    source: "SOURCE",
  },
  nothingToUnschedule: {
    text: "취소할 예약결제 기록이 존재하지 않습니다.",
    evidence: "observed",
    source: "SOURCE",
  },

  // --- Receipts and escrow -----------------------------------------------------------------
  receiptNotFound: {
    text: "해당 아임포트 고유 번호({imp_uid})로 현금영수증을 발급 한 내역이 존재하지 않습니다.",
    evidence: "documented",
    source: "SOURCE",
  },
  noShipment: {
    text: "등록된 배송정보가 존재하지 않습니다.",
    evidence: "documented",
    source: "official document, escrow_logis_get: the 409 answer's description",
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
