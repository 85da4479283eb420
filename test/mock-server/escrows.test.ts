import { expect, test } from "vitest";
import { rulesFor } from "../../contracts/pg-rules/index.ts";
import {
  checkout,
  createTestMock,
  ENCODINGS,
  INICIS,
  NICE,
  SMARTRO,
  START,
  TOSS,
  type Encoding,
  type TestMock,
  explained,
} from "../support/mock.ts";
import { RECEIVER, SENDER } from "../support/requests.ts";

const SENT_AT = START + 3600;
const logis = { company: "CJGLS", invoice: "123456789012", sent_at: SENT_AT };
const registration = () => ({
  sender: structuredClone(SENDER),
  receiver: structuredClone(RECEIVER),
  logis: { ...logis },
});

const escrowPayment = (mock: TestMock, fields: Record<string, unknown> = {}) =>
  checkout(mock, { channel_key: SMARTRO, escrow: true, ...fields });
const register = (mock: TestMock, imp_uid: string, encoding: Encoding, body: Record<string, unknown>) =>
  mock.post(`/escrows/logis/${imp_uid}`, encoding, body);
const change = (mock: TestMock, imp_uid: string, encoding: Encoding, body: Record<string, unknown>) =>
  mock.call("PUT", `/escrows/logis/${imp_uid}`, { body: { encoding, value: body } });

test.each(ENCODINGS)(
  "Smartro v2 registers an escrow payment's shipping with formed addresses, and GET shows it (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const payment = await escrowPayment(mock);
    const answer = await register(mock, payment.imp_uid, encoding, registration());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      code: 0,
      message: null,
      response: { company: "CJGLS", invoice: "123456789012", sent_at: SENT_AT, applied_at: START },
    });
    expect((await mock.get(`/escrows/logis/${payment.imp_uid}`)).body.response).toEqual(answer.body.response);
  },
);

// docs/domain.md §3: POST /escrows/logis/{imp_uid} on Smartro v2, one test per rule and encoding.
// The fields come from the PG rule matrix, which test/smartro-v2-rules.test.ts holds to the domain text.
const REGISTER_RULES = rulesFor("smartro_v2", "escrow_logis_save").flatMap((rule) =>
  rule.kind === "required" ? [rule.field] : [],
);
if (REGISTER_RULES.length === 0) throw new Error("the rule matrix requires nothing of a Smartro v2 registration");
test.each(ENCODINGS.flatMap((encoding) => REGISTER_RULES.map((field) => [field, encoding] as const)))(
  "Smartro v2 refuses a registration without %s (%s) and stores nothing",
  async (field, encoding) => {
    const mock = createTestMock();
    const payment = await escrowPayment(mock);
    const body = registration();
    const path = field.split(".");
    const parent = path.slice(0, -1).reduce<Record<string, any>>((node, key) => node[key], body);
    delete parent[path.at(-1)!];
    const answer = await register(mock, payment.imp_uid, encoding, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: -1, response: null });
    expect(answer.explanation).toContain(`${field} is required by smartro_v2`);
    expect((await mock.get(`/escrows/logis/${payment.imp_uid}`)).status).toBe(409);
  },
);

test.each(
  ENCODINGS.flatMap((encoding) =>
    ["logis.company", "logis.invoice", "logis.sent_at"].map((field) => [field, encoding] as const),
  ),
)("every PG needs %s (%s)", async (field, encoding) => {
  const mock = createTestMock();
  const payment = await escrowPayment(mock);
  const body = registration();
  delete (body.logis as Record<string, unknown>)[field.split(".")[1]!];
  const answer = await register(mock, payment.imp_uid, encoding, body);
  expect(answer.status).toBe(400);
  expect(answer.explanation).toContain(`${field} is required`);
});

test.each(ENCODINGS)("Smartro v2 refuses a sender and receiver given only as addr (%s)", async (encoding) => {
  const mock = createTestMock();
  const payment = await escrowPayment(mock);
  const addrOnly = (party: typeof SENDER) => ({
    name: party.name,
    tel: party.tel,
    postcode: party.postcode,
    addr: "서울 강남구 테헤란로 1 101동 202호",
  });
  const answer = await register(mock, payment.imp_uid, encoding, {
    sender: addrOnly(SENDER),
    receiver: addrOnly(RECEIVER),
    logis,
  });
  expect(answer.status).toBe(400);
  expect(answer.explanation).toContain("sender.formed_address is required by smartro_v2");
  expect(answer.explanation).toContain("receiver.formed_address is required by smartro_v2");
});

test.each(ENCODINGS)(
  "Smartro v2 changes a shipment with the logistics alone; sender and receiver are not needed (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const payment = await escrowPayment(mock);
    await register(mock, payment.imp_uid, encoding, registration());
    await mock.server.core.clock.advance(600);
    const changed = await change(mock, payment.imp_uid, encoding, {
      logis: { company: "HANJIN", invoice: "999", sent_at: SENT_AT + 60 },
    });
    expect(changed.body).toEqual({
      code: 0,
      message: null,
      response: { company: "HANJIN", invoice: "999", sent_at: SENT_AT + 60, applied_at: START + 600 },
    });
    expect((await mock.get(`/escrows/logis/${payment.imp_uid}`)).body.response).toEqual(changed.body.response);
    const incomplete = await change(mock, payment.imp_uid, encoding, {
      logis: { company: "HANJIN", sent_at: SENT_AT },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.explanation).toContain("logis.invoice is required");
    expect((await mock.get(`/escrows/logis/${payment.imp_uid}`)).body.response.invoice).toBe("999");
  },
);

test("the official document's refusals: 404 for an unknown payment, 409 for one that cannot take shipping or has none, 400 for a PG without the operation", async () => {
  const mock = createTestMock();
  const body = registration();
  expect((await register(mock, "imp_000000000000", "json", body)).status).toBe(404);

  const plain = await checkout(mock, { channel_key: SMARTRO });
  const notEscrow = await register(mock, plain.imp_uid, "json", body);
  expect(notEscrow.status).toBe(409);
  expect(explained(notEscrow)).toEqual({
    code: -1,
    response: null,
    message: `${plain.imp_uid} is not an escrow payment; only escrow payments take shipping details`,
  });

  const declined = await escrowPayment(mock, { card_number: "4000000000000002" });
  expect((await register(mock, declined.imp_uid, "json", body)).explanation).toBe(
    `${declined.imp_uid} is failed; only a paid escrow payment takes shipping details`,
  );

  const payment = await escrowPayment(mock);
  const none = await mock.get(`/escrows/logis/${payment.imp_uid}`);
  expect(none.status).toBe(409);
  expect(none.explanation).toBe(`${payment.imp_uid} has no shipping details; none was registered`);
  const early = await change(mock, payment.imp_uid, "json", { logis });
  expect(early.status).toBe(409);
  expect(early.explanation).toBe(
    `${payment.imp_uid} has no shipping details; register them with POST /escrows/logis/${payment.imp_uid} first`,
  );
  await register(mock, payment.imp_uid, "json", body);
  const twice = await register(mock, payment.imp_uid, "json", body);
  expect(twice.status).toBe(409);
  expect(twice.explanation).toBe(
    `${payment.imp_uid} already has shipping details; change them with PUT /escrows/logis/${payment.imp_uid}`,
  );

  const toss = await escrowPayment(mock, { channel_key: TOSS });
  const unsupported = await register(mock, toss.imp_uid, "json", body);
  expect(unsupported.status).toBe(400);
  expect(unsupported.explanation).toBe("tosspayments does not support escrow_logis_save");
  const nice = await escrowPayment(mock, { channel_key: NICE });
  expect((await register(mock, nice.imp_uid, "json", body)).body.code).toBe(0);
  expect((await change(mock, nice.imp_uid, "json", { logis })).explanation).toBe(
    "nice_v2 does not support escrow_logis_edit",
  );
});

test("KG Inicis takes addr and needs it: its own rules, not Smartro's", async () => {
  const mock = createTestMock();
  const payment = await escrowPayment(mock, { channel_key: INICIS });
  const withAddr = (party: typeof SENDER) => ({
    name: party.name,
    tel: party.tel,
    postcode: party.postcode,
    addr: "서울 중구 세종대로 110",
  });
  expect(
    (await register(mock, payment.imp_uid, "json", { sender: withAddr(SENDER), receiver: withAddr(RECEIVER), logis }))
      .body.code,
  ).toBe(0);
  const other = await escrowPayment(mock, { channel_key: INICIS });
  const refused = await register(mock, other.imp_uid, "json", registration());
  expect(refused.status).toBe(400);
  expect(refused.explanation).toContain("sender.addr is required by html5_inicis");
});

test.each(ENCODINGS)(
  "Smartro v2 refuses a change whose addresses are in addr, naming the rule, and keeps the shipment (%s)",
  async (encoding) => {
    const mock = createTestMock();
    const payment = await escrowPayment(mock);
    expect((await mock.post(`/escrows/logis/${payment.imp_uid}`, encoding, registration())).status).toBe(200);
    const bare = { name: "Kim", tel: "0212345678", postcode: "06236", addr: "Seoul" };
    const refused = await mock.call("PUT", `/escrows/logis/${payment.imp_uid}`, {
      body: { encoding, value: { receiver: bare, logis: { ...logis, invoice: "999" } } },
    });
    expect(refused.status).toBe(400);
    expect(refused.explanation).toContain("receiver.addr cannot be sent: smartro_v2 takes addresses in formed_address");
    expect((await mock.get(`/escrows/logis/${payment.imp_uid}`)).body.response.invoice).toBe("123456789012");
  },
);
