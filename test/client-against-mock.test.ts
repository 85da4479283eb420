/**
 * The client against the in-process mock: it gets, keeps and renews the token by the service's
 * token rules, turns each kind of answer into a typed result, and names drift when asked.
 */
import { expect, expectTypeOf, test } from "vitest";
import {
  ContractDriftError,
  createControlClient,
  createIamportClient,
  IamportError,
  unwrap,
  type DriftReport,
  type FetchLike,
  type Payment,
} from "../client/index.ts";
import { createMockServer, DEMO_IMP_KEY, DEMO_IMP_SECRET } from "../mock-server/index.ts";
import { CARD, START } from "./support/mock.ts";

interface SetupOptions {
  wrap?: (fetch: FetchLike) => FetchLike;
  validate?: "off" | "report" | "throw";
  authorization?: "bare" | "bearer";
  clock?: () => number;
  onDrift?: (report: DriftReport) => void;
}

function setup({ wrap, ...options }: SetupOptions = {}) {
  const mock = createMockServer({ seed: 3, clock: { mode: "frozen", start: START } });
  const seen: Request[] = [];
  const recording: FetchLike = (request) => {
    seen.push(request.clone());
    return mock.fetch(request);
  };
  const fetch = wrap ? wrap(recording) : recording;
  const client = createIamportClient({
    baseUrl: "http://mock",
    impKey: DEMO_IMP_KEY,
    impSecret: DEMO_IMP_SECRET,
    fetch,
    ...options,
  });
  const control = createControlClient({ baseUrl: "http://mock", fetch: mock.fetch as FetchLike });
  const tokenRequests = () => seen.filter((request) => new URL(request.url).pathname === "/users/getToken").length;
  return { mock, client, control, seen, tokenRequests };
}

const pay = (client: ReturnType<typeof setup>["client"], merchant_uid: string, card_number = CARD.card_number) =>
  client.call("onetime", { body: { merchant_uid, amount: 1000, card_number, expiry: CARD.expiry } });

test("the client gets a token once, sends it bare, and types the answer", async () => {
  const { client, seen, tokenRequests } = setup();
  const paid = await pay(client, "c1");
  const looked = await client.call("getPaymentByImpUid", { params: { imp_uid: unwrap(paid).imp_uid } });
  expect(looked.ok && looked.response.status).toBe("paid");
  expectTypeOf(unwrap(looked)).toEqualTypeOf<Payment>();
  expect(tokenRequests()).toBe(1);
  const authorization = seen.at(-1)!.headers.get("authorization")!;
  expect(authorization).toMatch(/^[0-9a-f]+$/);
  expect(authorization).toBe(await client.token());
});

test("authorization: bearer sends `Bearer <token>`, which the service takes as well", async () => {
  const { client, seen } = setup({ authorization: "bearer" });
  expect((await pay(client, "c2")).ok).toBe(true);
  expect(seen.at(-1)!.headers.get("authorization")).toMatch(/^Bearer [0-9a-f]+$/);
});

test("in the token's last minute the client asks again and gets the same token with 5 more minutes", async () => {
  const { mock, client, control, tokenRequests } = setup({ clock: () => mock.clock.now() });
  const first = await client.token();
  mock.clock.advance(29 * 60 - 1); // 61 s left: still fresh
  expect((await pay(client, "c3a")).ok).toBe(true);
  expect(tokenRequests()).toBe(1);
  mock.clock.advance(2); // 59 s left: the last minute
  expect((await pay(client, "c3b")).ok).toBe(true);
  expect(tokenRequests()).toBe(2);
  const { tokens } = unwrap(await control.call("getState"));
  expect(tokens).toEqual([{ access_token: first, expired_at: START + 30 * 60 + 5 * 60 }]);
  expect((await pay(client, "c3c")).ok).toBe(true);
  expect(tokenRequests()).toBe(2);
});

test("a token that died early (the mock's clock jumped past it) is renewed once and the call goes through", async () => {
  const { mock, client, tokenRequests } = setup();
  const first = await client.token();
  mock.clock.advance(31 * 60);
  const paid = await pay(client, "c4");
  expect(paid.ok).toBe(true);
  expect(tokenRequests()).toBe(2);
  expect(await client.token()).not.toBe(first);
});

test("wrong credentials: the call's result is `unauthorized`, naming getToken, with the service's status", async () => {
  const mock = createMockServer({ seed: 3 });
  const client = createIamportClient({
    baseUrl: "http://mock",
    impKey: "nope",
    impSecret: "nope",
    fetch: mock.fetch as FetchLike,
  });
  const result = await client.call("getPaymentsByStatus", { params: { payment_status: "paid" } });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result).toMatchObject({ kind: "unauthorized", status: 401, operation: "getPaymentsByStatus" });
  expect(result.message).toMatch(/^getToken failed: /);
  await expect(client.token()).rejects.toBeInstanceOf(IamportError);
});

test("HTTP 200 with code != 0 is a `refused` result that keeps code and message; unwrap throws it typed", async () => {
  const { client } = setup();
  const result = await client.call("onetime", {
    body: { merchant_uid: "c5", amount: 1000, card_number: "4000000000000119", expiry: CARD.expiry },
  });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result).toMatchObject({ kind: "refused", status: 200, code: -1 });
  expect(result.message).toBeTruthy();
  expect(() => unwrap(result)).toThrow(IamportError);
  expect(result.error).toMatchObject({ kind: "refused", status: 200, code: -1, operation: "onetime" });
});

test("404 and 400 answers are typed `notFound` and `badRequest`; bad input where no 400 is documented is `refused`", async () => {
  const { client } = setup();
  const missing = await client.call("getPaymentByImpUid", { params: { imp_uid: "imp_000000000000" } });
  expect(missing).toMatchObject({ ok: false, kind: "notFound", status: 404, message: "존재하지 않는 결제정보입니다." });
  const bad = await client.send("getPaymentsByStatus", { params: { payment_status: "bogus" } });
  expect(bad).toMatchObject({ ok: false, kind: "badRequest", status: 400, message: "지원되지 않는 상태값입니다." });
  // onetime documents only 200 and 401: a missing amount is HTTP 200, code -1, explained in the header.
  const undocumented = await client.send("onetime", { body: { merchant_uid: "c6" } });
  expect(undocumented).toMatchObject({ ok: false, kind: "refused", status: 200, code: -1 });
  expect(undocumented.explanation).toMatch(/amount/);
  expect(() => unwrap(undocumented)).toThrow(/\(mock: .*amount/);
});

test("a connection that fails, or an answer that is not an envelope, is a `transport` failure", async () => {
  const refused = createIamportClient({ baseUrl: "http://127.0.0.1:9", accessToken: "t", timeoutMs: 2_000 });
  const down = await refused.call("allBankCodes");
  expect(down).toMatchObject({ ok: false, kind: "transport", status: 0, code: null });
  const html: FetchLike = async () => new Response("<html>bad gateway</html>", { status: 502 });
  const proxied = await createIamportClient({ baseUrl: "http://x", accessToken: "t", fetch: html }).call(
    "allBankCodes",
  );
  expect(proxied).toMatchObject({ ok: false, kind: "transport", status: 502 });
});

test("form encoding sends the body form-urlencoded and the mock reads it the same", async () => {
  const { client, seen } = setup();
  const paid = await client.call("onetime", { body: { merchant_uid: "c7", amount: 1000, ...CARD }, encoding: "form" });
  expect(paid.ok).toBe(true);
  const sent = seen.at(-1)!;
  expect(sent.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
  expect(await sent.text()).toContain("merchant_uid=c7");
});

/** A service that changed: drops `name`, adds `pg_type`, sends a status the contract does not know and an amount as text. */
const drifting =
  (fetch: FetchLike): FetchLike =>
  async (request) => {
    const answer = await fetch(request);
    if (!new URL(request.url).pathname.startsWith("/payments/imp_")) return answer;
    const body = (await answer.json()) as { response: Record<string, unknown> };
    const { name: _, ...rest } = body.response;
    body.response = { ...rest, status: "PAID", pg_type: "payment", cancel_amount: "0" };
    return Response.json(body, { status: answer.status });
  };

test("validate: report names every drift with the operation and the path, and the call still succeeds", async () => {
  const reports: string[] = [];
  const { client } = setup({ wrap: drifting, validate: "report", onDrift: (report) => reports.push(report.operation) });
  const imp_uid = unwrap(await pay(client, "c8")).imp_uid;
  const looked = await client.call("getPaymentByImpUid", { params: { imp_uid } });
  expect(looked.ok).toBe(true);
  const kinds = looked.drift.map((d) => `${d.kind} ${d.path}`);
  expect(kinds.sort()).toEqual([
    "missing response.name",
    "type response.cancel_amount",
    "unknown_enum response.status",
    "unknown_field response.pg_type",
  ]);
  expect(client.driftReports).toHaveLength(1);
  expect(client.driftReports[0]).toMatchObject({ operation: "getPaymentByImpUid", method: "GET", status: 200 });
  expect(reports).toEqual(["getPaymentByImpUid"]);
});

test("validate: throw throws a ContractDriftError listing the drift; an answer true to the contract passes", async () => {
  const { client } = setup({ wrap: drifting, validate: "throw" });
  const imp_uid = unwrap(await pay(client, "c9")).imp_uid;
  const error = await client.call("getPaymentByImpUid", { params: { imp_uid } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContractDriftError);
  const message = (error as Error).message;
  expect(message).toMatch(/^getPaymentByImpUid \(GET \/payments\/imp_\w+, HTTP 200\) differs from the contract:\n/);
  expect(message).toContain(
    `response.status: unknown enum value "PAID" (expected one of ready, paid, cancelled, failed)`,
  );
  expect(message).toContain("response.name: missing");
  expect((await client.call("allBankCodes")).ok).toBe(true);
});

test("validate: report finds no drift in the mock's own answers", async () => {
  const { client } = setup({ validate: "report" });
  const imp_uid = unwrap(await pay(client, "c10")).imp_uid;
  const answers = [
    await client.call("cancelPayment", { body: { imp_uid, amount: 300 } }),
    await client.call("getPaymentByImpUid", { params: { imp_uid } }),
    await client.call("getPaymentsByStatus", { params: { payment_status: "all" } }),
    await client.call("allBankCodes"),
  ];
  expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, true]);
  expect(client.driftReports).toEqual([]);
});

test("the control client is typed from the control contracts and checks its answers", async () => {
  const { control, client } = setup();
  const moved = unwrap(await control.call("advanceClock", { body: { seconds: 60 } }));
  expect(moved.now).toBe(START + 60);
  expectTypeOf(moved.now).toEqualTypeOf<number>();
  await pay(client, "c11");
  const state = unwrap(await control.call("getState"));
  expect(state.payments.map((p) => p.merchant_uid)).toEqual(["c11"]);
  const refused = await control.call("advanceClock", { body: { seconds: -1 } });
  expect(refused).toMatchObject({ ok: false, kind: "badRequest", status: 400 });
  expect(control.driftReports).toEqual([]);
});

test("concurrent calls share one token request", async () => {
  const { client, tokenRequests } = setup();
  const results = await Promise.all([
    pay(client, "c12"),
    pay(client, "c13"),
    client.call("allBankCodes"),
    client.token(),
  ]);
  expect(results.slice(0, 3).map((result) => typeof result === "object" && result.ok)).toEqual([true, true, true]);
  expect(tokenRequests()).toBe(1);
});

test("mistakes in using the client are thrown at once, naming them", async () => {
  expect(() => createIamportClient({ baseUrl: "http://x", impKey: "k" })).toThrow("give impKey and impSecret together");
  const client = createIamportClient({ baseUrl: "http://x", accessToken: "t", fetch: async () => Response.json({}) });
  await expect(client.send("againn")).rejects.toThrow(
    'unknown operation "againn": use a key of the operation table (contracts/operations.ts)',
  );
  await expect(client.send("getPaymentByImpUid", {})).rejects.toThrow(
    "path parameter imp_uid is missing for /payments/{imp_uid}",
  );
  await expect(createIamportClient({ baseUrl: "http://x" }).token()).rejects.toThrow("this client has no credentials");
});

test("a request that outlives timeoutMs is a transport failure", async () => {
  const hanging: FetchLike = (request) =>
    new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
  const client = createIamportClient({ baseUrl: "http://x", accessToken: "t", fetch: hanging, timeoutMs: 20 });
  const result = await client.call("allBankCodes");
  expect(result).toMatchObject({ ok: false, kind: "transport", status: 0 });
  expect(!result.ok && result.message).toBe("no answer within 20 ms");
});

test("a fetch that never answers and ignores its signal still ends at timeoutMs", async () => {
  // Holds nothing of the request, as a transport that dropped it would: the client's own deadline must still fire.
  const deaf: FetchLike = () => new Promise(() => {});
  const client = createIamportClient({ baseUrl: "http://x", accessToken: "t", fetch: deaf, timeoutMs: 20 });
  const result = await client.call("allBankCodes");
  expect(result).toMatchObject({ ok: false, kind: "transport", status: 0, message: "no answer within 20 ms" });
});
