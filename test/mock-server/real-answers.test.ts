/**
 * Refusals answer as the real service does (issue 16; docs/decisions/011-answering-as-the-real-service.md):
 * the live API's status, code and message text where public evidence shows them, and the mock's own
 * explanation beside them in a header and the journal, or in `message` when asked.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, vi } from "vitest";
import { EXPLANATION_HEADER, REAL_MESSAGES } from "../../contracts/messages.ts";
import { demoConfig } from "../../mock-server/config/demo-config.ts";
import { createMockServer } from "../../mock-server/index.ts";
import { FAILURE_HTTP } from "../../mock-server/http/render-failure.ts";
import { main } from "../../mock-server/cli.ts";
import { CARD, createTestMock, orderId, SMARTRO_CUSTOMER, START, type TestMock } from "../support/mock.ts";
import { BUYER, control, ONETIME } from "../support/requests.ts";

const again = (mock: TestMock, fields: Record<string, unknown>) =>
  mock.post("/subscribe/payments/again", "json", { merchant_uid: orderId(), amount: 1000, ...BUYER, ...fields });

// Each row: a situation the evidence covers, and the live API's status, code and message for it.
const SITUATIONS: [
  string,
  (mock: TestMock) => Promise<Awaited<ReturnType<TestMock["call"]>>>,
  number,
  number,
  string,
][] = [
  [
    "cancelling a payment that does not exist",
    (mock) => mock.post("/payments/cancel", "json", { imp_uid: "imp_000000000000" }),
    200,
    1,
    "취소할 결제건이 존재하지 않습니다.",
  ],
  [
    "cancelling without imp_uid or merchant_uid",
    (mock) => mock.post("/payments/cancel", "form", { reason: "x" }),
    200,
    -1,
    "취소할 imp_uid 또는 merchant_uid를 지정해주셔야합니다.",
  ],
  [
    "again with a customer_uid never registered",
    (mock) => again(mock, { customer_uid: "nobody", name: "plan" }),
    200,
    1,
    "등록되지 않은 구매자입니다.",
  ],
  [
    "a schedule for a customer_uid never registered, without card data",
    (mock) =>
      mock.post("/subscribe/payments/schedule", "json", {
        customer_uid: "nobody",
        schedules: [{ merchant_uid: orderId(), schedule_at: START + 3600, amount: 1000, name: "plan" }],
      }),
    200,
    1,
    "요청하신 customer_uid(nobody)에 등록된 고객정보가 없습니다.",
  ],
  [
    "unscheduling a customer_uid with nothing scheduled",
    (mock) => mock.post("/subscribe/payments/unschedule", "json", { customer_uid: "nobody" }),
    200,
    1,
    "취소할 예약결제 기록이 존재하지 않습니다.",
  ],
  [
    "unscheduling a merchant_uid never scheduled (the document lists no 404 here)",
    (mock) => mock.post("/subscribe/payments/unschedule", "json", { customer_uid: "nobody", merchant_uid: ["x1"] }),
    200,
    1,
    "취소할 예약결제 기록이 존재하지 않습니다.",
  ],
  [
    "looking up a billing key never issued (the document says 404; the live API answers 200)",
    (mock) => mock.get("/subscribe/customers/nobody"),
    200,
    1,
    "요청하신 customer_uid(nobody)로 등록된 정보를 찾을 수 없습니다.",
  ],
  [
    "looking up an imp_uid never issued",
    (mock) => mock.get("/payments/imp_000000000000"),
    404,
    -1,
    "존재하지 않는 결제정보입니다.",
  ],
  [
    "a payment status that does not exist",
    (mock) => mock.get("/payments/status/refunded"),
    400,
    -1,
    "지원되지 않는 상태값입니다.",
  ],
  [
    "getToken without imp_secret",
    (mock) => mock.call("POST", "/users/getToken", { token: null, json: { imp_key: "demo_imp_key" } }),
    200,
    -1,
    "imp_key, imp_secret 파라메터가 누락되었습니다.",
  ],
  [
    "a keyed payment for a merchant_uid already paid",
    async (mock) => {
      await mock.post(ONETIME, "json", { merchant_uid: "dup1", amount: 1000, ...CARD });
      return mock.post(ONETIME, "json", { merchant_uid: "dup1", amount: 1000, ...CARD });
    },
    200,
    1,
    "이미 주문이 이루어진 건입니다. (동일한 merchant_uid로 결제 또는 취소된 기록이 있습니다)",
  ],
  [
    "a keyed payment with a number that is no card number",
    (mock) => mock.post(ONETIME, "json", { merchant_uid: orderId(), amount: 1000, ...CARD, card_number: "1234" }),
    200,
    -1,
    "카드정보 인증에 실패하였습니다.",
  ],
  [
    "a billing key the card company will not issue",
    (mock) =>
      mock.post("/subscribe/customers/fresh", "json", { ...CARD, card_number: "4000000000000002", pg: "nice_v2" }),
    200,
    -1,
    "카드정보 인증 및 빌키 발급에 실패하였습니다.",
  ],
  [
    "a schedule whose card data the card company refuses",
    (mock) =>
      mock.post("/subscribe/payments/schedule", "json", {
        customer_uid: "fresh",
        pg: "nice_v2",
        card_number: "4000000000000002",
        expiry: "2030-12",
        schedules: [{ merchant_uid: orderId(), schedule_at: START + 3600, amount: 1000, name: "plan" }],
      }),
    200,
    1,
    "카드정보 확인에 실패하였습니다.",
  ],
  [
    "a billing key for a pg the merchant has no module of",
    (mock) => mock.post("/subscribe/customers/fresh", "json", { ...CARD, pg: "danal_tpay" }),
    200,
    1,
    "비인증결제모듈 사용정보를 찾을 수 없습니다.",
  ],
  [
    "again without name, which the document gives no 400 for",
    (mock) => again(mock, { customer_uid: SMARTRO_CUSTOMER }),
    200,
    -1,
    REAL_MESSAGES.invalidParameters.text,
  ],
];

test.each(SITUATIONS)("%s: the live API's status, code and message", async (_, send, status, code, message) => {
  const answer = await send(createTestMock());
  expect([answer.status, answer.body.code, answer.body.message, answer.body.response]).toEqual([
    status,
    code,
    message,
    null,
  ]);
  // The mock's own explanation is never lost: it names what was wrong, in its header.
  expect(answer.explanation).toMatch(/\w{4}/);
  expect(answer.explanation).not.toBe(message);
});

test("the explanation is in the journal beside the message the client got; successes have neither", async () => {
  const mock = createTestMock();
  await mock.post("/payments/cancel", "json", { imp_uid: "imp_000000000000" });
  await mock.get("/users/pg");
  const journal = (await control(mock, "GET", "/journal", undefined, { limit: 2 })).body.response;
  expect(journal.map((e: any) => [e.operation, e.message, e.explanation])).toEqual([
    ["getPgSettingList", null, null],
    [
      "cancelPayment",
      "취소할 결제건이 존재하지 않습니다.",
      "no payment to cancel: imp_uid imp_000000000000 has no paid payment for this merchant",
    ],
  ]);
});

test("config messages: explanation puts the explanation in message; the header still carries it", async () => {
  const mock = createTestMock({ config: { ...demoConfig, messages: "explanation" } });
  const answer = await mock.post("/payments/cancel", "json", { imp_uid: "imp_000000000000" });
  expect([answer.status, answer.body.code]).toEqual([200, 1]);
  expect(answer.body.message).toBe(
    "no payment to cancel: imp_uid imp_000000000000 has no paid payment for this merchant",
  );
  expect(answer.headers.get(EXPLANATION_HEADER)).toBe(answer.body.message);
});

test("createMockServer's messages option overrides the config's", async () => {
  const mock = createMockServer({ config: { ...demoConfig, messages: "explanation" }, messages: "real", seed: 1 });
  expect(mock.config.messages).toBe("real");
  const answer = await mock.app.request("/payments/imp_000000000000", { headers: { authorization: "nope" } });
  expect(answer.status).toBe(401);
  expect(((await answer.json()) as { message: string }).message).toBe("Unauthorized");
});

test("control calls are the mock's own API: their refusals always explain", async () => {
  const mock = createTestMock();
  const answer = await control(mock, "POST", "/clock/advance", { seconds: -1 });
  expect(answer.status).toBe(400);
  expect(answer.body.message).toMatch(/^seconds: /);
});

test("the CLI takes --messages and IAMPORT_MOCK_MESSAGES, and refuses other values", async () => {
  const io = () => {
    const out = { stdout: "", stderr: "" };
    return {
      out,
      io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) },
    };
  };
  const served: { close(): Promise<void> }[] = [];
  try {
    let url = "";
    const run = io();
    const code = await main(["--port", "0", "--quiet", "--messages", "explanation"], run.io, {
      onListening: (s) => {
        served.push(s.mock);
        url = s.url;
      },
    });
    expect(code).toBe(0);
    const answer = await fetch(`${url}/users/getToken`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ imp_key: "demo_imp_key", imp_secret: "wrong" }),
    });
    expect(((await answer.json()) as { message: string }).message).toMatch(/imp_key or imp_secret is wrong/);

    const bad = io();
    expect(await main(["--port", "0", "--messages", "english"], bad.io)).toBe(2);
    expect(bad.out.stderr).toMatch(/--messages <text>.*english.*real, explanation/s);

    vi.stubEnv("IAMPORT_MOCK_MESSAGES", "explanation");
    const fromEnv = io();
    let envUrl = "";
    await main(["--port", "0", "--quiet"], fromEnv.io, {
      onListening: (s) => {
        served.push(s.mock);
        envUrl = s.url;
      },
    });
    const unknown = await fetch(`${envUrl}/payments/status/paid`);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/^Unauthorized: send the access token/);
  } finally {
    vi.unstubAllEnvs();
    await Promise.all(served.map((s) => s.close()));
  }
});

test("every catalogue text is used: as a failure kind's voice, or named by the code that refuses", () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return /\.tsx?$/.test(entry.name) && !/\.test\./.test(entry.name) ? [readFileSync(path, "utf8")] : [];
    });
  const text = [...sources("mock-server"), readFileSync("contracts/operations.ts", "utf8")].join("\n");
  const voices = new Set(Object.values(FAILURE_HTTP).map((answer) => answer.voice));
  // Named where a text is chosen: failure(kind, explanation, "key"), { key: "key" }, says: { key: "key" },
  // or an operation's invalidInput, never as a failure's kind (the first argument).
  const named = new Set(
    [...text.matchAll(/(?:,\s*|key:\s*|\w+:\s*)"(\w+)"/g)].map((m) => m[1]!).filter((key) => key in REAL_MESSAGES),
  );
  const unused = Object.keys(REAL_MESSAGES).filter((key) => !voices.has(key as never) && !named.has(key));
  expect(unused).toEqual([]);
  for (const entry of Object.values(REAL_MESSAGES)) {
    expect(entry.text).toMatch(/\S/);
    expect(entry.source.length).toBeGreaterThan(20);
  }
});

test("a failure armed with a message says that message, as the PG or PortOne would; the explanation stays in the header", async () => {
  const mock = createTestMock();
  await control(mock, "POST", "/failures", { operation: "onetime", outcome: "decline", message: "한도초과" });
  const declined = await mock.post(ONETIME, "json", { merchant_uid: orderId(), amount: 1000, ...CARD });
  expect(declined.body.response).toMatchObject({ status: "failed", fail_reason: "한도초과" });

  await control(mock, "POST", "/failures", {
    operation: "cancelPayment",
    outcome: "decline",
    message: "취소 불가 거래",
  });
  const paid = await mock.post(ONETIME, "json", { merchant_uid: orderId(), amount: 1000, ...CARD });
  const cancel = await mock.post("/payments/cancel", "json", { imp_uid: paid.body.response.imp_uid });
  expect([cancel.status, cancel.body.code, cancel.body.message]).toEqual([200, 1, "취소 불가 거래"]);
  expect(cancel.explanation).toMatch(/the PG refused to cancel/);

  await control(mock, "POST", "/failures", { operation: "again", outcome: "pgError", message: "PG사 응답 지연" });
  const again = await mock.post("/subscribe/payments/again", "json", {
    customer_uid: SMARTRO_CUSTOMER,
    merchant_uid: orderId(),
    amount: 1000,
    name: "plan",
    ...BUYER,
  });
  expect([again.status, again.body.code, again.body.message]).toEqual([200, -1, "PG사 응답 지연"]);

  await control(mock, "POST", "/failures", {
    operation: "getPgSettingList",
    outcome: "serverError",
    message: "점검 중",
  });
  const down = await mock.get("/users/pg");
  expect([down.status, down.body.message]).toEqual([500, "점검 중"]);
  expect(down.explanation).toBe("PortOne failed: 점검 중");
});

test("a request whose text holds a lone surrogate is refused as usual, never a 500", async () => {
  const answer = await createTestMock().post("/payments/cancel", "json", { merchant_uid: "\ud800" });
  expect([answer.status, answer.body.code, answer.body.message]).toEqual([
    200,
    1,
    "취소할 결제건이 존재하지 않습니다.",
  ]);
  expect(answer.explanation).toContain("\ufffd");
});
