import { REAL_MESSAGES } from "../../contracts/messages.ts";
import request from "supertest";
import { afterEach, expect, test } from "vitest";
import { createTestMock, SMARTRO_CUSTOMER, oneChannelConfig } from "../support/mock.ts";
import { onetime, onetimeBody } from "../support/requests.ts";
import type { MockServer } from "../../mock-server/index.ts";

const listening: MockServer[] = [];
afterEach(async () => {
  await Promise.all(listening.splice(0).map((server) => server.close()));
});

const againBody = (merchant_uid: string) => ({
  customer_uid: SMARTRO_CUSTOMER,
  merchant_uid,
  amount: 1000,
  name: "n",
  buyer_name: "b",
  buyer_email: "e@example.com",
  buyer_tel: "010",
});

test("200 concurrent onetime and again requests with one merchant_uid make exactly one paid payment (in-process)", async () => {
  const mock = createTestMock();
  await mock.token();
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0
        ? onetime(mock, { merchant_uid: "race1" })
        : mock.call("POST", "/subscribe/payments/again", { json: againBody("race1") }),
    ),
  );
  expect(answers.filter((a) => a.body.code === 0 && a.body.response.status === "paid")).toHaveLength(1);
  expect(answers.filter((a) => a.body.code === 1)).toHaveLength(199);
  const state = await mock.state();
  expect(state.payments.filter((p: { merchant_uid: string }) => p.merchant_uid === "race1")).toHaveLength(1);
});

test("200 concurrent again requests over a real socket make exactly one paid payment", async () => {
  const mock = createTestMock();
  const { url } = await mock.server.listen(0, "127.0.0.1");
  listening.push(mock.server);
  const token = await mock.token();
  const answers = await Promise.all(
    Array.from({ length: 200 }, () =>
      request(url)
        .post("/subscribe/payments/again")
        .set("Authorization", `Bearer ${token}`)
        .type("form")
        .send(againBody("race2")),
    ),
  );
  expect(answers.every((a) => a.status === 200)).toBe(true);
  expect(answers.filter((a) => a.body.code === 0)).toHaveLength(1);
  const refused = answers.filter((a) => a.body.code === 1);
  expect(refused.every((a) => a.body.message === REAL_MESSAGES.orderAlreadyPaid.text)).toBe(true);
  expect(refused.every((a) => a.headers["x-iamport-mock-explanation"]!.includes("already used"))).toBe(true);
});

test("over a socket: getToken, a form-encoded onetime, a lookup and a 404 hint", async () => {
  const mock = createTestMock();
  const { url } = await mock.server.listen(0);
  listening.push(mock.server);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const token = await request(url)
    .post("/users/getToken")
    .send({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" })
    .expect(200);
  const access = token.body.response.access_token as string;
  const paid = await request(url)
    .post("/subscribe/payments/onetime")
    .set("Authorization", access)
    .type("form")
    .send(onetimeBody({ merchant_uid: "sock1", amount: "1000" }))
    .expect(200)
    .expect("Content-Type", "application/json; charset=UTF-8");
  expect(paid.body.response.status).toBe("paid");
  const found = await request(url).get(`/payments/find/sock1/paid/`).set("Authorization", access).expect(200);
  expect(found.body.response.imp_uid).toBe(paid.body.response.imp_uid);
  const typo = await request(url).post("/subscribe/again").set("Authorization", access).send({}).expect(404);
  // Over a socket the explanation travels in its header, readable as it is when it is plain ASCII.
  expect(typo.headers["x-iamport-mock-explanation"]).toContain("Did you mean POST /subscribe/payments/again");
  const unauthorised = await request(url).get("/payments/status/paid").expect(401);
  expect(unauthorised.body).toMatchObject({ code: -1, response: null });
});

test("two instances live side by side without sharing anything", async () => {
  const a = createTestMock({ seed: 1 });
  const b = createTestMock({ seed: 1 });
  await onetime(a, { merchant_uid: "iso1" });
  expect((await a.state()).payments).toHaveLength(1);
  expect((await b.state()).payments).toHaveLength(0);
  a.server.clock.advance(100);
  expect(b.server.clock.now()).not.toBe(a.server.clock.now());
});

test("the same seed and the same requests give the same identifiers; another seed does not", async () => {
  const run = async (seed: number) => {
    const mock = createTestMock({ seed });
    const paid = await onetime(mock, { merchant_uid: "seeded1" });
    return [await mock.token(), paid.body.response.imp_uid, paid.body.response.pg_tid];
  };
  expect(await run(7)).toEqual(await run(7));
  expect(await run(8)).not.toEqual(await run(7));
});

test("listen twice is refused; close is idempotent", async () => {
  const mock = createTestMock();
  await mock.server.listen(0);
  await expect(mock.server.listen(0)).rejects.toThrow(/already listening/);
  await mock.server.close();
  await mock.server.close();
});

test("over a socket, a declared Content-Length over the limit is 413 before the body is read", async () => {
  const mock = createTestMock({
    config: oneChannelConfig({ body_limit_bytes: 100 }),
  });
  const { url } = await mock.server.listen(0);
  listening.push(mock.server);
  const token = await mock.token();
  const answer = await request(url)
    .post("/subscribe/payments/onetime")
    .set("Authorization", token)
    .send(onetimeBody({ merchant_uid: "big1", custom_data: "x".repeat(200) }));
  expect(answer.status).toBe(413);
  expect(answer.body).toEqual({ code: -1, message: REAL_MESSAGES.bodyTooLarge.text, response: null });
  expect(answer.headers["x-iamport-mock-explanation"]).toBe("the body is larger than 100 bytes");
  expect((await mock.state()).payments).toEqual([]);
});
