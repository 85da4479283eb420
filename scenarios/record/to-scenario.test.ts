/**
 * Recorded exchanges → scenario, without sockets: captures of server-made values, redaction,
 * form bodies, volatile fields, what is left out or kept as a comment, and that every result loads.
 */
import { expect, test } from "vitest";
import type { CallStep, ControlStep } from "../../contracts/scenarios.ts";
import { parseScenario } from "../engine/load.ts";
import type { RecordedExchange } from "./exchange.ts";
import { exchangeLine } from "./recorder.ts";
import { toScenario, toScenarioYaml } from "./to-scenario.ts";

const OPTIONS = { upstream: "http://127.0.0.1:4010", recordedAt: "2026-12-01T00:00:00.000Z" };
const NOW = 1_796_000_000;
const TOKEN = "0123456789abcdef0123456789abcdef01234567";
const CARD = { card_number: "4242424242424242", expiry: "2030-12" };
const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

interface Sent {
  json?: unknown;
  form?: string;
  headers?: Record<string, string>;
}

function exchange(method: string, target: string, sent: Sent, status: number, answer: unknown): RecordedExchange {
  const [path, query] = target.split("?");
  const contentType = sent.form !== undefined ? FORM_TYPE : sent.json !== undefined ? JSON_TYPE : undefined;
  return {
    at: OPTIONS.recordedAt,
    method,
    path: path!,
    search: query === undefined ? "" : `?${query}`,
    requestHeaders: { authorization: TOKEN, ...(contentType ? { "content-type": contentType } : {}), ...sent.headers },
    requestBody: sent.form ?? (sent.json === undefined ? "" : JSON.stringify(sent.json)),
    status,
    responseHeaders: { "content-type": JSON_TYPE },
    responseBody: typeof answer === "string" ? answer : JSON.stringify(answer),
    durationMs: 1,
  };
}

const ok = (response: unknown) => ({ code: 0, message: null, response });
const post = (path: string, json: unknown, response: unknown) => exchange("POST", path, { json }, 200, ok(response));
const get = (path: string, response: unknown) => exchange("GET", path, {}, 200, ok(response));
const refusal = (code: number, message: string) => ({ code, message, response: null });

const credentials = { imp_key: "shop_imp_key", imp_secret: "shop_imp_secret_value" };
const getToken = exchange(
  "POST",
  "/users/getToken",
  { json: credentials, headers: { authorization: "" } },
  200,
  ok({ access_token: TOKEN, now: NOW, expired_at: NOW + 1800 }),
);
const payment = (fields: Record<string, unknown>) => ({
  imp_uid: "imp_111122223333",
  merchant_uid: "order1",
  status: "paid",
  amount: 1000,
  cancel_amount: 0,
  pg_provider: "nice_v2",
  pg_id: "nictest04m",
  pg_tid: "NICEV123",
  apply_num: "0001",
  card_number: "424242******4242",
  started_at: NOW,
  paid_at: NOW,
  failed_at: 0,
  receipt_url: "https://receipt.example/1",
  cancel_history: [],
  ...fields,
});
const pay = post("/subscribe/payments/onetime", { merchant_uid: "order1", amount: 1000, ...CARD }, payment({}));

function steps(exchanges: RecordedExchange[]): (CallStep & ControlStep)[] {
  return toScenario(exchanges, OPTIONS).steps as (CallStep & ControlStep)[];
}

/** The YAML, after checking that it loads as the runner would load it. */
function loadableYaml(exchanges: RecordedExchange[], schemaRef?: string): string {
  const text = toScenarioYaml(exchanges, { ...OPTIONS, schemaRef });
  const loaded = parseScenario(text, "recorded.yaml");
  if ("problems" in loaded) throw new Error(`${loaded.problems.join("\n")}\n${text}`);
  return text;
}

test("a server-made imp_uid is captured where it first appeared and sent back as a variable; merchant_uid stays literal", () => {
  const cancel = post(
    "/payments/cancel",
    { imp_uid: "imp_111122223333", amount: 400 },
    payment({ cancel_amount: 400 }),
  );
  const lookup = get("/payments/imp_111122223333", payment({ cancel_amount: 400 }));
  const [paid, cancelled, looked] = steps([getToken, pay, cancel, lookup]);
  expect(paid!.capture).toEqual({ imp_uid_1: "response.imp_uid" });
  expect(paid!.expect!.response).toMatchObject({ imp_uid: { $regex: "^imp_" }, merchant_uid: "order1" });
  expect(cancelled!.body).toEqual({ imp_uid: "{{imp_uid_1}}", amount: 400 });
  expect(cancelled!.expect!.response).toMatchObject({ imp_uid: "{{imp_uid_1}}", cancel_amount: 400 });
  expect(looked!.params).toEqual({ imp_uid: "{{imp_uid_1}}" });
  expect(looked!.capture).toBeUndefined();
  loadableYaml([getToken, pay, cancel, lookup]);
});

test("a value nested in an answer is captured by its path, named after the field that sends it back", () => {
  const refunded = payment({ cancel_history: [{ cancellation_id: "c0ffee0001", amount: 400 }] });
  const cancel = post("/payments/cancel", { merchant_uid: "order1", amount: 400 }, refunded);
  const pgNotice = post("/__mock/pg-notices", { kind: "refund", cancellation_id: "c0ffee0001" }, refunded);
  const [, cancelled, notice] = steps([pay, cancel, pgNotice]);
  expect(cancelled!.capture).toEqual({ cancellation_id_1: "response.cancel_history[0].cancellation_id" });
  expect(notice!.body).toEqual({ kind: "refund", cancellation_id: "{{cancellation_id_1}}" });
});

test("getToken is not a step, and no credential, token or Authorization value appears anywhere in the file", () => {
  const sneaked = { imp_uid: "imp_000000000000", access_token: TOKEN, imp_key: "shop_imp_key" };
  const leaky = exchange(
    "POST",
    "/payments/cancel",
    { json: sneaked },
    200,
    refusal(1, `token ${TOKEN} cannot cancel`),
  );
  const bearer = exchange(
    "GET",
    "/payments/imp_000000000000",
    { headers: { authorization: "Bearer bearer-token-value-1" } },
    404,
    refusal(-1, "no payment bearer-token-value-1"),
  );
  const text = loadableYaml([getToken, leaky, bearer]);
  for (const secret of [TOKEN, "shop_imp_key", "shop_imp_secret_value", "bearer-token-value-1"])
    expect(text).not.toContain(secret);
  expect(text).not.toMatch(/call: getToken|^\s*authorization:/im);
  const [cancel, lookup] = steps([getToken, leaky, bearer]);
  expect(cancel).toMatchObject({ call: "cancelPayment", body: { access_token: "[redacted]", imp_key: "[redacted]" } });
  expect(cancel!.expect!.message).toEqual({ $type: "string" });
  expect(lookup!.expect!.message).toEqual({ $type: "string" });
});

test("pwd_2digit, cvc and birth are masked; test cards are kept, other card numbers keep only their first 6 and last 4 digits", () => {
  const card = { merchant_uid: "o2", amount: 1000, expiry: "2030-12", pwd_2digit: "12", cvc: "123", birth: "800101" };
  const declined = post("/subscribe/payments/onetime", { ...card, card_number: "4000000000000002" }, payment({}));
  const real = post(
    "/subscribe/payments/onetime",
    { ...card, card_number: "5310-1234-5678-9012" },
    payment({ imp_uid: "imp_2" }),
  );
  const [first, second] = steps([declined, real]);
  expect(first!.body).toMatchObject({ card_number: "4000000000000002", pwd_2digit: "**", cvc: "***", birth: "******" });
  expect(first!.mock_only).toBe(true);
  expect(second!.body).toMatchObject({ card_number: "5310120000009012" });
  expect(second!.mock_only).toBeUndefined();
  const text = loadableYaml([declined, real]);
  for (const secret of ["800101", "5310-1234-5678-9012", "5310123456789012"]) expect(text).not.toContain(secret);
});

test("a form body is decoded by the operation's schema and replayed as a form; a JSON body keeps its types", () => {
  const form =
    "merchant_uid=order3&amount=1000&card_number=4242424242424242&expiry=2030-12&notice_url%5B%5D=http%3A%2F%2Fhook.test%2Fa";
  const [formStep, jsonStep] = steps([
    exchange("POST", "/subscribe/payments/onetime", { form }, 200, ok(payment({ merchant_uid: "order3" }))),
    post("/payments/prepare", { merchant_uid: "order4", amount: "1000" }, { merchant_uid: "order4", amount: 1000 }),
  ]);
  expect(formStep!.encoding).toBe("form");
  expect(formStep!.body).toEqual({ merchant_uid: "order3", amount: 1000, ...CARD, notice_url: ["http://hook.test/a"] });
  expect(jsonStep!.encoding).toBeUndefined();
  expect(jsonStep!.body).toEqual({ merchant_uid: "order4", amount: "1000" });
});

test("query lists are lists, path parameters are decoded, and an alias is replayed through the main path", () => {
  const [list, alias] = steps([
    get("/payments?imp_uid%5B%5D=imp_a1&imp_uid%5B%5D=imp_b2", []),
    get("/payments/find/order%201", payment({ merchant_uid: "order 1" })),
  ]);
  expect(list).toMatchObject({
    call: "getPaymentListByImpUid",
    query: { imp_uid: ["imp_a1", "imp_b2"] },
    expect: { response: [] },
  });
  expect(alias).toMatchObject({
    call: "getPaymentByMerchantUid",
    params: { merchant_uid: "order 1", payment_status: "" },
  });
});

test("changing fields are expected by type, 0 moments and the merchant's values literally", () => {
  const [paid] = steps([pay]);
  expect(paid!.expect).toEqual({
    status: 200,
    code: 0,
    response: {
      imp_uid: { $regex: "^imp_" },
      merchant_uid: "order1",
      status: "paid",
      amount: 1000,
      cancel_amount: 0,
      pg_provider: "nice_v2",
      pg_id: "nictest04m",
      pg_tid: { $type: "string" },
      apply_num: { $type: "string" },
      card_number: { $type: "string" },
      started_at: { $type: "integer" },
      paid_at: { $type: "integer" },
      failed_at: 0,
      receipt_url: { $type: "string" },
    },
  });
});

test("a customer_uid the client chose stays literal in the answer; one the server generated is captured", () => {
  const key = { customer_uid: "mine1", pg_provider: "nice_v2", card_name: "card", inserted: NOW, updated: NOW };
  const saved = post("/subscribe/customers/mine1", { ...CARD }, key);
  const superKey = { customer_uid: "sk_made_up_1", channelGroupId: "g1" };
  const issued = post("/subscribe/customers/generated", { ...CARD, channel_group_id: "g1" }, superKey);
  const charge = { customer_uid: "sk_made_up_1", merchant_uid: "a1", amount: 10 };
  const again = post("/subscribe/payments/again", charge, payment({ pg_provider: "kcp" }));
  const [save, issue, pay] = steps([saved, issued, again]);
  expect(save).toMatchObject({ params: { customer_uid: "mine1" } });
  expect(save!.expect!.response).toMatchObject({ customer_uid: "mine1", inserted: { $type: "integer" } });
  expect(issue).toMatchObject({ capture: { customer_uid_1: "response.customer_uid" } });
  expect(issue!.expect!.response).toMatchObject({ customer_uid: { $type: "string" } });
  expect(pay!.body).toMatchObject({ customer_uid: "{{customer_uid_1}}" });
  expect(pay!.expect!.response).toMatchObject({ pg_provider: { $type: "string" } });
});

test("through a smart-routing group the picked PG is expected by type; a long list by its length", () => {
  const body = { merchant_uid: "o5", amount: 1000, ...CARD, channelGroupId: "g1" };
  const routed = post(
    "/subscribe/payments/onetime",
    body,
    payment({ merchant_uid: "o5", pg_provider: "kcp", pg_id: "T0000" }),
  );
  const banks = get(
    "/banks",
    Array.from({ length: 7 }, (_, i) => ({ code: `00${i}`, name: `bank ${i}` })),
  );
  const [paid, listed] = steps([routed, banks]);
  expect(paid!.expect!.response).toMatchObject({
    pg_provider: { $type: "string" },
    pg_id: { $type: "string" },
    merchant_uid: "o5",
  });
  expect(listed!.expect!.response).toEqual({ $length: 7 });
});

test("a group id the server made up is captured from a control answer and sent back in a path", () => {
  const id = "channel-group-test-made-up";
  const created = post(
    "/__mock/groups",
    { name: "g", channels: [{ channel_key: "a", ratio: 100 }] },
    { id, name: "g", channels: [] },
  );
  const changed = exchange("PATCH", `/__mock/groups/${id}`, { json: { name: "h" } }, 200, ok({ id, name: "h" }));
  const [create, change] = steps([created, changed]);
  expect(create).toMatchObject({ control: "createGroup", capture: { group_id_1: "response.id" } });
  expect(create!.expect!.response).toEqual({ id: { $type: "string" }, name: "g" });
  expect(change).toMatchObject({ control: "changeGroup", params: { group_id: "{{group_id_1}}" } });
  expect(change!.expect!.response).toEqual({ id: "{{group_id_1}}", name: "h" });
  loadableYaml([created, changed]);
});

test("control calls are control steps; the clock's mode and moments are expected by type", () => {
  const [step] = steps([post("/__mock/clock/advance", { seconds: 60 }, { now: NOW + 60, mode: "wall" })]);
  const response = { now: { $type: "integer" }, mode: { $type: "string" } };
  expect(step).toEqual({ control: "advanceClock", body: { seconds: 60 }, expect: { status: 200, code: 0, response } });
});

test("moments a request sends are written relative to the target's clock, read from getToken's now", () => {
  const inAnHour = { merchant_uid: "s1", schedule_at: NOW + 3600, amount: 1000 };
  const schedule = post("/subscribe/payments/schedule", { customer_uid: "c1", schedules: [inAnHour] }, []);
  const [step] = steps([getToken, schedule]);
  expect(step!.body).toEqual({ customer_uid: "c1", schedules: [{ ...inAnHour, schedule_at: "{{$now + 3600}}" }] });
  loadableYaml([getToken, schedule]);
});

test("unknown paths, 401 answers and answers that are no envelope are comments where they happened, and the log line says so", () => {
  const unknown = exchange("GET", "/nowhere", {}, 404, refusal(-1, "GET /nowhere is not a path"));
  const expired = exchange("GET", "/payments/imp_111122223333", {}, 401, refusal(-1, "expired"));
  const broken = exchange("GET", "/banks", {}, 500, "Internal Server Error");
  const text = loadableYaml([pay, unknown, expired, pay, broken]);
  const noOperation = "no operation of the table or the control API has this path";
  const unknownNote = `# not replayed: GET /nowhere → HTTP 404: ${noOperation}`;
  const expiredNote =
    "# not replayed: GET /payments/imp_111122223333 → HTTP 401: answered 401: the runner's client holds its own token";
  expect(text).toContain(`${unknownNote}\n  ${expiredNote}\n  - call: onetime`);
  expect(text).toMatch(
    / {2}# not replayed: GET \/banks → HTTP 500: the answer \(HTTP 500\) is not an iamport envelope.*\n$/,
  );
  expect(steps([pay, unknown, expired, pay, broken])).toHaveLength(2);
  expect(exchangeLine(unknown)).toBe(
    `→ GET /nowhere  404 code -1  (not replayed, written as a comment: ${noOperation})`,
  );
  expect(exchangeLine(pay)).toBe("→ POST /subscribe/payments/onetime  200 code 0  (onetime)");
  expect(exchangeLine(getToken)).toBe("→ POST /users/getToken  200 code 0  (getToken: not written)");
});

test("the header names the upstream and the time, and the schema modeline only when given", () => {
  const withSchema = loadableYaml([pay], "../scenario.schema.json");
  expect(withSchema.split("\n")[0]).toBe("# yaml-language-server: $schema=../scenario.schema.json");
  expect(withSchema).toContain(
    "# Recorded from http://127.0.0.1:4010 at 2026-12-01T00:00:00.000Z, by iamport-mock record.",
  );
  expect(loadableYaml([pay])).not.toContain("yaml-language-server");
  const credentialed = toScenarioYaml([pay], { ...OPTIONS, upstream: "https://user:pass@api.example" });
  expect(credentialed).not.toContain("pass");
});
