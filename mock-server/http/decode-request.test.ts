import fc from "fast-check";
import qs from "qs";
import { expect, test } from "vitest";
import { operations, type Operation, type OperationKey } from "../../contracts/operations.ts";
import { arbitraryFor, hasArrayOfObjects } from "../../test/support/arbitraries.ts";
import { decodeBody, decodeQuery, mediaType, parseForm } from "./decode-request.ts";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
const operation = (key: OperationKey): Operation => operations[key];
const bodyOf = (key: OperationKey) => operation(key).body!;

const decoded = (result: ReturnType<typeof decodeBody>) => {
  if (!result.ok) throw new Error(result.failure.message);
  return result.value;
};

test("form bodies with bracket notation decode to nested objects and arrays", () => {
  const raw =
    "customer_uid=c1&schedules[0][merchant_uid]=m1&schedules[0][amount]=1000&schedules[0][schedule_at]=1700000000" +
    "&schedules[1][merchant_uid]=m2&schedules[1][amount]=2000.5&schedules[1][use_card_point]=true";
  expect(decoded(decodeBody(FORM, raw, operations.schedule.body))).toEqual({
    customer_uid: "c1",
    schedules: [
      { merchant_uid: "m1", amount: 1000, schedule_at: 1700000000 },
      { merchant_uid: "m2", amount: 2000.5, use_card_point: true },
    ],
  });
});

test("objects nest to any depth: sender[formed_address][address_line_1]", () => {
  const raw =
    "sender[name]=Kim&sender[formed_address][address_line_1]=Seoul%20Gangnam&sender[formed_address][address_line_2]=101&logis[sent_at]=1700000000";
  expect(decoded(decodeBody(FORM, raw, operations.escrow_logis_save.body))).toEqual({
    sender: { name: "Kim", formed_address: { address_line_1: "Seoul Gangnam", address_line_2: "101" } },
    logis: { sent_at: 1700000000 },
  });
});

test("arrays arrive as name[]=a&name[]=b, as a repeated name, or as a single value", () => {
  const schema = operations.unschedule.body;
  expect(decoded(decodeBody(FORM, "merchant_uid[]=a&merchant_uid[]=b", schema))).toEqual({ merchant_uid: ["a", "b"] });
  expect(decoded(decodeBody(FORM, "merchant_uid=a&merchant_uid=b", schema))).toEqual({ merchant_uid: ["a", "b"] });
  expect(decoded(decodeBody(FORM, "merchant_uid=a", schema))).toEqual({ merchant_uid: ["a"] });
  expect(decoded(decodeBody(JSON_TYPE, '{"merchant_uid":"a"}', schema))).toEqual({ merchant_uid: ["a"] });
});

test("indices past qs's array limit still make an array, in index order", () => {
  const raw = Array.from({ length: 30 }, (_, i) => `schedules[${29 - i}][merchant_uid]=m${29 - i}`).join("&");
  const value = decoded(decodeBody(FORM, raw, operations.schedule.body)) as { schedules: { merchant_uid: string }[] };
  expect(value.schedules.map((s) => s.merchant_uid)).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
});

test("numbers and booleans are converted only where the schema says so", () => {
  const value = decoded(
    decodeBody(FORM, "merchant_uid=1234&amount=1000&customer_uid=007&name=1&use_card_point=false", bodyOf("again")),
  );
  expect(value).toEqual({ merchant_uid: "1234", amount: 1000, customer_uid: "007", name: "1", use_card_point: false });
});

test("what cannot be converted is left for validation to name", () => {
  expect(decoded(decodeBody(FORM, "amount=1,000&use_card_point=maybe", bodyOf("again")))).toEqual({
    amount: "1,000",
    use_card_point: "maybe",
  });
});

test("a union that admits a string keeps form values as strings (vbank_due=20261231 is a date)", () => {
  expect(decoded(decodeBody(FORM, "vbank_due=20261231&amount=5000", bodyOf("createVbank")))).toEqual({
    vbank_due: "20261231",
    amount: 5000,
  });
  expect(decoded(decodeBody(JSON_TYPE, '{"vbank_due":1767193199}', bodyOf("createVbank")))).toEqual({
    vbank_due: 1767193199,
  });
});

test("explicit null means absent, at any depth", () => {
  const raw = JSON.stringify({ imp_uid: "imp_1", checksum: null, extra: { requester: null }, amount: 1000 });
  expect(decoded(decodeBody(JSON_TYPE, raw, bodyOf("cancelPayment")))).toEqual({
    imp_uid: "imp_1",
    extra: {},
    amount: 1000,
  });
});

test("an empty form value for a number or boolean means absent; for a string it is the empty string", () => {
  expect(decoded(decodeBody(FORM, "amount=&use_card_point=&buyer_name=", bodyOf("again")))).toEqual({ buyer_name: "" });
});

test("JSON numeric strings are converted by default and kept with coerceJsonScalars: false", () => {
  const raw = '{"amount":"1000","use_card_point":"true"}';
  expect(decoded(decodeBody(JSON_TYPE, raw, bodyOf("again")))).toEqual({ amount: 1000, use_card_point: true });
  expect(decoded(decodeBody(JSON_TYPE, raw, bodyOf("again"), { coerceJsonScalars: false }))).toEqual({
    amount: "1000",
    use_card_point: "true",
  });
});

test("Content-Type parameters and case are ignored", () => {
  expect(mediaType("Application/JSON; charset=utf-8")).toBe("application/json");
  expect(decoded(decodeBody("application/json;charset=utf-8", '{"amount":1}', bodyOf("again")))).toEqual({ amount: 1 });
  expect(decoded(decodeBody("application/x-www-form-urlencoded; charset=UTF-8", "amount=1", bodyOf("again")))).toEqual({
    amount: 1,
  });
});

test("an empty body is an empty request, whatever the Content-Type", () => {
  expect(decoded(decodeBody(undefined, "", bodyOf("again")))).toEqual({});
  expect(decoded(decodeBody(JSON_TYPE, "  ", bodyOf("again")))).toEqual({});
});

test("refusals: a body without Content-Type, an unknown type, malformed JSON, JSON that is not an object", () => {
  const failure = (contentType: string | undefined, raw: string) => {
    const result = decodeBody(contentType, raw, bodyOf("again"));
    if (result.ok) throw new Error("expected a refusal");
    return result.failure;
  };
  expect(failure(undefined, '{"amount":1}')).toMatchObject({
    kind: "missingContentType",
    message: expect.stringContaining("Content-Type"),
  });
  expect(failure("text/plain", "amount=1")).toMatchObject({
    kind: "unsupportedContentType",
    contentType: "text/plain",
  });
  expect(failure(JSON_TYPE, '{"amount":')).toMatchObject({
    kind: "malformedJson",
    message: expect.stringContaining("cannot be parsed"),
  });
  expect(failure(JSON_TYPE, "[1,2]")).toMatchObject({ kind: "notAnObject" });
  expect(failure(JSON_TYPE, "null")).toMatchObject({ kind: "notAnObject" });
});

test("query strings decode like form bodies: imp_uid[]=…, extra[requester]=…, numbers", () => {
  expect(decodeQuery("?imp_uid[]=imp_1&imp_uid[]=imp_2", operations.getPaymentListByImpUid.query)).toEqual({
    imp_uid: ["imp_1", "imp_2"],
  });
  expect(decodeQuery("reason=moved&extra[requester]=customer", operations.customer_delete.query)).toEqual({
    reason: "moved",
    extra: { requester: "customer" },
  });
  expect(decodeQuery("page=2&limit=50&from=1700000000", operations.getPaymentsByStatus.query)).toEqual({
    page: 2,
    limit: 50,
    from: 1700000000,
  });
});

const WRITE_OPERATIONS = (Object.keys(operations) as OperationKey[]).filter((key) => operation(key).body);

test.each(WRITE_OPERATIONS)("%s: a valid request decodes to the same value from JSON and from a form", (key) => {
  const schema = bodyOf(key);
  const formats: ("indices" | "brackets" | "repeat")[] = hasArrayOfObjects(schema)
    ? ["indices"]
    : ["indices", "brackets", "repeat"];
  fc.assert(
    fc.property(arbitraryFor(schema), fc.constantFrom(...formats), (request, arrayFormat) => {
      const fromJson = decoded(decodeBody(JSON_TYPE, JSON.stringify(request), schema));
      const fromForm = decoded(decodeBody(FORM, qs.stringify(request, { arrayFormat }), schema));
      expect(fromForm).toEqual(fromJson);
      expect(fromJson).toEqual(request);
      expect(schema.safeParse(fromForm).success).toBe(true);
    }),
    { numRuns: 60 },
  );
});

test("notice_url, one URL or several, always decodes to an array", () => {
  expect(decoded(decodeBody(JSON_TYPE, '{"notice_url":"https://a"}', bodyOf("again")))).toEqual({
    notice_url: ["https://a"],
  });
  expect(decoded(decodeBody(FORM, "notice_url=https%3A%2F%2Fa", bodyOf("again")))).toEqual({
    notice_url: ["https://a"],
  });
  expect(
    decoded(decodeBody(FORM, "notice_url[]=https%3A%2F%2Fa&notice_url[]=https%3A%2F%2Fb", bodyOf("createVbank"))),
  ).toEqual({
    notice_url: ["https://a", "https://b"],
  });
});

// The flat-body fast path must read every body exactly as qs would; qs stays the reference.
const formText = fc.string({
  unit: fc.constantFrom(..."aZ09 -_.+%=?/가한".split(""), "%20", "%2B", "%ED%95%9C", "%E0", "%"),
  maxLength: 8,
});
const formName = fc.oneof(formText, fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", ""));

test("flat form bodies parse exactly as qs parses them, including names of Object.prototype, stray %, + and =", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(formName, fc.option(formText, { nil: undefined })), { maxLength: 6 }), (pairs) => {
      const raw = pairs.map(([name, value]) => (value === undefined ? name : `${name}=${value}`)).join("&");
      expect(parseForm(raw)).toEqual({ ...qs.parse(raw, { depth: 10, arrayLimit: 1000, parameterLimit: 10_000 }) });
    }),
  );
});

test("a repeated name or brackets anywhere hand the body to qs", () => {
  expect(parseForm("a=1&a=2")).toEqual({ a: ["1", "2"] });
  expect(parseForm("a%5B0%5D=x&b=y")).toEqual({ a: ["x"], b: "y" });
  expect(parseForm("a[b]=1")).toEqual({ a: { b: "1" } });
});

test("fields the schema does not know are kept and listed with their paths", () => {
  const unknownFields: string[] = [];
  const raw =
    "customer_uid=c1&coupon=x&schedules[0][merchant_uid]=m1&schedules[0][amount]=1000&schedules[0][note]=hi&schedules[1][merchant_uid]=m2";
  const value = decoded(decodeBody(FORM, raw, operations.schedule.body, { unknownFields }));
  expect(unknownFields).toEqual(["coupon", "schedules[0].note"]);
  expect(value).toMatchObject({ coupon: "x", schedules: [{ note: "hi" }, { merchant_uid: "m2" }] });
});

test("a JSON __proto__ member is listed as unknown and cannot change the decoded object's prototype", () => {
  const unknownFields: string[] = [];
  const value = decoded(
    decodeBody(JSON_TYPE, '{"amount":1000,"__proto__":{"amount":1}}', bodyOf("again"), { unknownFields }),
  );
  expect(unknownFields).toEqual(["__proto__"]);
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  expect(value).toEqual({ amount: 1000 });
});
