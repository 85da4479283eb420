import { expect, test } from "vitest";
import { CARD, createTestMock, KCP, NICE, SMARTRO, TOSS, INICIS } from "../support/mock.ts";
import { onetime } from "../support/requests.ts";

test("GET /banks lists the standard three-digit bank codes, each once", async () => {
  const { status, body } = await createTestMock().get("/banks");
  expect(status).toBe(200);
  expect(body.code).toBe(0);
  const codes = body.response.map((bank: { code: string }) => bank.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) expect(code).toMatch(/^\d{3}$/);
  expect(body.response).toEqual(
    expect.arrayContaining([
      { code: "004", name: "KB국민은행" },
      { code: "088", name: "신한은행" },
      { code: "090", name: "카카오뱅크" },
    ]),
  );
});

test("GET /cards lists the card company codes, overseas brands included", async () => {
  const { body } = await createTestMock().get("/cards");
  expect(body.response).toEqual(
    expect.arrayContaining([
      { code: "366", name: "신한카드" },
      { code: "381", name: "KB국민카드" },
      { code: "VIS", name: "해외비자" },
    ]),
  );
});

test.each([
  ["/banks/088", { code: "088", name: "신한은행" }],
  ["/cards/361", { code: "361", name: "BC카드" }],
])("GET %s answers the one code", async (path, expected) => {
  const { status, body } = await createTestMock().get(path);
  expect(status).toBe(200);
  expect(body.response).toEqual(expected);
});

test.each(["/banks/999", "/cards/000"])("GET %s, an unknown code, is 404 naming the code", async (path) => {
  const answer = await createTestMock().get(path);
  expect(answer.status).toBe(404);
  expect(answer.body).toMatchObject({ code: -1, response: null });
  expect(answer.explanation).toContain(JSON.stringify(path.split("/")[2]));
});

test.each(["/banks", "/banks/088", "/cards", "/cards/361"])("GET %s needs a token", async (path) => {
  const { status, body } = await createTestMock().call("GET", path, { token: null });
  expect(status).toBe(401);
  expect(body.code).toBe(-1);
});

test("a card payment's card_code and card_name come from GET /cards", async () => {
  const mock = createTestMock();
  const cards = new Map(
    (await mock.get("/cards")).body.response.map((card: { code: string; name: string }) => [card.code, card.name]),
  );
  for (const card_number of [CARD.card_number, "5555555555554444", "6011000990139424", "3530111333300000"]) {
    const { body } = await onetime(mock, { card_number });
    expect(body.response.status).toBe("paid");
    expect(cards.get(body.response.card_code)).toBe(body.response.card_name);
  }
});

test("GET /users/pg lists every channel of the merchant with its PG, MID and environment", async () => {
  const { body } = await createTestMock().get("/users/pg");
  expect(body.response.map((s: { channel_key: string }) => s.channel_key).sort()).toEqual(
    [INICIS, KCP, NICE, SMARTRO, TOSS].sort(),
  );
  expect(body.response).toContainEqual(
    expect.objectContaining({
      channel_key: SMARTRO,
      pg_provider: "smartro_v2",
      pg_id: "t_smartro01m",
      sandbox: true,
      type: "payment",
    }),
  );
});
