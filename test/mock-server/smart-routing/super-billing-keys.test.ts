/**
 * Issuing super billing keys through a group: every enabled channel is asked and decides for
 * itself; what issues nothing; PortOne failing; listing them next to ordinary keys.
 */
import { expect, test } from "vitest";
import { CARD, createTestMock, START, explained } from "../../support/mock.ts";
import { control } from "../../support/requests.ts";
import { GROUP, issueSuperKey, routedCheckout, routingConfig, routingMock } from "../../support/routing.ts";

test("issuing a super billing key asks every enabled channel: Smartro v2 fails with its reason, the others hold keys", async () => {
  const mock = createTestMock({
    config: routingConfig([
      {
        id: GROUP,
        name: "g",
        channels: [
          { channel_key: "smartro", ratio: 40 },
          { channel_key: "nice", ratio: 30 },
          { channel_key: "kcp", ratio: 30 },
          { channel_key: "toss", ratio: 0, enabled: false },
        ],
      },
    ]),
  });
  // pg and channel_key are ignored when a group is named.
  const answer = await issueSuperKey(mock, "super1", { customer_name: "홍길동", pg: "nopay", channel_key: "missing" });
  expect(answer.body.code, answer.body.message ?? "").toBe(0);
  const key = answer.body.response;
  expect(key).toMatchObject({
    customer_uid: "super1",
    channelGroupId: GROUP,
    customer_id: "cust1",
    customer_name: "홍길동",
  });
  expect(key.succeededChannels.map((c: { pg_provider: string; pg_id: string }) => [c.pg_provider, c.pg_id])).toEqual([
    ["nice_v2", "nice-mid"],
    ["kcp", "kcp-mid"],
  ]);
  expect(key.succeededChannels[0]).toMatchObject({ card_number: "424242******4242", inserted: START, updated: START });
  expect(key.failedChannels).toEqual([
    {
      type: "INVALID_REQUEST",
      pg_provider: "smartro_v2",
      pg_id: "smartro-mid",
      message: expect.stringMatching(
        /^channel smartro \(smartro_v2\) cannot take billing keys issued through the API .* through smart routing; PortOne routes them only to nice_v2, nice, kcp, html5_inicis, tosspayments, daou, settle, ksnet, welcome$/,
      ),
    },
  ]);
  expect((await mock.get("/subscribe/customers/super1")).body.response).toEqual(key);
  expect((await mock.state()).billing_keys).toEqual([key]);
});

test("each channel's PG rules and outcomes decide for that channel alone when a super billing key is issued", async () => {
  const mock = routingMock({ nice: 40, kcp: 30, toss: 30 });
  await control(mock, "POST", "/failures", { channel_key: "kcp", outcome: "decline" });
  const answer = await issueSuperKey(mock, "super2", { customer_id: undefined });
  expect(answer.body.code).toBe(0);
  expect(answer.body.response.succeededChannels.map((c: { pg_provider: string }) => c.pg_provider)).toEqual([
    "nice_v2",
  ]);
  expect(answer.body.response.failedChannels).toEqual([
    {
      type: "PG_PROVIDER",
      pg_provider: "kcp",
      pg_id: "kcp-mid",
      message: "the PG refused to issue the billing key (armed through the mock's control API)",
    },
    {
      type: "INVALID_REQUEST",
      pg_provider: "tosspayments",
      pg_id: "toss-mid",
      message: "customer_id is required by tosspayments",
    },
  ]);
});

test("a group with no member switched on, an unknown group and a deleted one issue no super billing key, and a deleted one takes no checkout", async () => {
  const mock = createTestMock({
    config: routingConfig([{ id: GROUP, name: "g", channels: [{ channel_key: "nice", ratio: 100, enabled: false }] }]),
  });
  const none = await issueSuperKey(mock, "super9");
  expect(explained(none)).toMatchObject({
    code: 1,
    message: `group ${GROUP} has no enabled channel to issue a billing key on`,
  });
  const unknown = await issueSuperKey(mock, "super9", {
    channel_group_id: "channel-group-test-00000000-0000-4000-8000-000000000000",
  });
  expect(unknown.explanation).toMatch(/names no smart routing group/);
  await control(mock, "DELETE", `/groups/${GROUP}`);
  expect((await issueSuperKey(mock, "super9")).explanation).toMatch(/was deleted/);
  const checkoutDeleted = await routedCheckout(mock);
  expect(explained(checkoutDeleted)).toMatchObject({
    code: 1,
    message: `channel group ${GROUP} was deleted; a deleted group cannot be used again`,
  });
  expect((await mock.state()).billing_keys).toEqual([]);
});

test("PortOne failing (armed on one channel) fails the whole super billing key issue and uses up no other armed failure", async () => {
  const mock = routingMock({ nice: 50, kcp: 50 });
  await control(mock, "POST", "/failures", { channel_key: "nice", outcome: "decline" });
  await control(mock, "POST", "/failures", { channel_key: "kcp", outcome: "serverError" });
  const answer = await issueSuperKey(mock, "super10");
  expect(answer.status).toBe(500);
  expect(answer.explanation).toMatch(/^PortOne failed while asking channel kcp for a billing key/);
  expect((await control(mock, "GET", "/failures")).body.response).toMatchObject([
    { channel_key: "nice", remaining: 1 },
  ]);
  expect((await mock.state()).billing_keys).toEqual([]);
});

test("GET /subscribe/customers lists super and ordinary keys alike", async () => {
  const mock = routingMock({ nice: 50, kcp: 50 });
  await issueSuperKey(mock, "super11");
  await mock.call("POST", "/subscribe/customers/plain1", { json: { ...CARD, channel_key: "kcp" } });
  const listed = await mock.get("/subscribe/customers", { customer_uid: ["super11", "plain1"] });
  expect(listed.status).toBe(200);
  expect(
    listed.body.response.map((k: { customer_uid: string; channelGroupId?: string; pg_provider?: string }) => [
      k.customer_uid,
      k.channelGroupId ?? k.pg_provider,
    ]),
  ).toEqual([
    ["super11", GROUP],
    ["plain1", "kcp"],
  ]);
});

test("when no channel issues a super billing key the request fails with every reason, and nothing is stored", async () => {
  const mock = routingMock({ smartro: 50, nice: 50 });
  const answer = await issueSuperKey(mock, "super3", { card_number: "4000000000000002" });
  expect(answer.body).toMatchObject({ code: 1, response: null });
  expect(answer.explanation).toMatch(
    new RegExp(
      `^no channel of group ${GROUP} issued a billing key: smartro \\(smartro_v2\\): .*; nice \\(nice_v2\\): billing key not issued: `,
    ),
  );
  expect((await mock.state()).billing_keys).toEqual([]);
});
