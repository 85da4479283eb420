/**
 * The standard codes GET /banks and GET /cards answer with, and the payment object's
 * bank_code / card_code draw from. Banks: the Korea Financial Telecommunications & Clearings
 * Institute's three-digit bank codes (the ones every Korean PG uses). Cards: the card company codes
 * iamport documents for V1 (its own REST clients carry the same list), including the overseas brands.
 */
import type { z } from "zod";
import type { StandardCodeAnnotation } from "./schemas/reference.ts";

export type StandardCode = z.output<typeof StandardCodeAnnotation>;

export const BANK_CODES: readonly StandardCode[] = [
  { code: "002", name: "KDB산업은행" },
  { code: "003", name: "IBK기업은행" },
  { code: "004", name: "KB국민은행" },
  { code: "007", name: "수협은행" },
  { code: "011", name: "NH농협은행" },
  { code: "012", name: "지역농축협" },
  { code: "020", name: "우리은행" },
  { code: "023", name: "SC제일은행" },
  { code: "027", name: "한국씨티은행" },
  { code: "031", name: "iM뱅크" },
  { code: "032", name: "부산은행" },
  { code: "034", name: "광주은행" },
  { code: "035", name: "제주은행" },
  { code: "037", name: "전북은행" },
  { code: "039", name: "경남은행" },
  { code: "045", name: "새마을금고" },
  { code: "048", name: "신협" },
  { code: "050", name: "저축은행" },
  { code: "064", name: "산림조합" },
  { code: "071", name: "우체국" },
  { code: "081", name: "하나은행" },
  { code: "088", name: "신한은행" },
  { code: "089", name: "케이뱅크" },
  { code: "090", name: "카카오뱅크" },
  { code: "092", name: "토스뱅크" },
];

export const CARD_CODES: readonly StandardCode[] = [
  { code: "361", name: "BC카드" },
  { code: "364", name: "광주카드" },
  { code: "365", name: "삼성카드" },
  { code: "366", name: "신한카드" },
  { code: "367", name: "현대카드" },
  { code: "368", name: "롯데카드" },
  { code: "369", name: "수협카드" },
  { code: "370", name: "씨티카드" },
  { code: "371", name: "NH카드" },
  { code: "372", name: "전북카드" },
  { code: "373", name: "제주카드" },
  { code: "374", name: "하나카드" },
  { code: "381", name: "KB국민카드" },
  { code: "041", name: "우리카드" },
  { code: "071", name: "우체국" },
  { code: "VIS", name: "해외비자" },
  { code: "MAS", name: "해외마스터" },
  { code: "DIN", name: "해외다이너스" },
  { code: "AMX", name: "해외AMEX" },
  { code: "JCB", name: "해외JCB" },
  { code: "UNI", name: "중국은련" },
];

const byCode = (codes: readonly StandardCode[]) => new Map(codes.map((entry) => [entry.code, entry]));
export const bankByCode: ReadonlyMap<string, StandardCode> = byCode(BANK_CODES);
export const cardByCode: ReadonlyMap<string, StandardCode> = byCode(CARD_CODES);
