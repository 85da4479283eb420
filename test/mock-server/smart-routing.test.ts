/**
 * Smart routing over HTTP: groups through the control API and the config, weighted picks for
 * keyed payments, super billing keys, payments with them (again and schedules), channel_key
 * overrides, scheduled ratio changes on the virtual clock, and the pick counts.
 */
import { describe, expect, test } from "vitest";
import type { MockConfigInput } from "../../contracts/mock/config.ts";
import { ConfigError, createMockServer, DEMO_GROUP_ID, parseConfig } from "../../mock-server/index.ts";
import { chiSquare } from "../support/chi-square.ts";
import { CARD, createTestMock, orderId, START, type TestMock } from "../support/mock.ts";

const GROUP = "channel-group-test-11111111-1111-4111-8111-111111111111";
const HOUR = 3600;

const channel = (channel_key: string, pg_provider: string, extra: Record<string, unknown> = {}) => ({ channel_key, pg_provider, pg_id: `${channel_key}-mid`, ...extra });

/** One merchant with PGs that route every flow (nice, kcp, toss), some that do not (smartro, settle), and a live channel. */
const routingConfig = (groups: unknown[] = [], channels: ReturnType<typeof channel>[] = []): MockConfigInput => ({
  merchants: [
    {
      store_code: "imp10000000",
      imp_key: "demo_imp_key",
      imp_secret: "demo_imp_secret",
      channels: [
        channel("nice", "nice_v2"),
        channel("kcp", "kcp"),
        channel("toss", "tosspayments"),
        channel("smartro", "smartro_v2"),
        channel("inicis", "html5_inicis"),
        channel("settle", "settle"),
        channel("nice-live", "nice_v2", { mode: "live" }),
        ...channels,
      ],
      channel_groups: groups as never,
    },
  ],
});

const members = (ratios: Record<string, number>) => Object.entries(ratios).map(([channel_key, ratio]) => ({ channel_key, ratio }));

function routingMock(ratios: Record<string, number>, options: { seed?: number; extra?: Record<string, unknown> } = {}): TestMock {
  return createTestMock({ config: routingConfig([{ id: GROUP, name: "routing", channels: members(ratios), ...options.extra }]), ...(options.seed !== undefined && { seed: options.seed }) });
}

const control = (mock: TestMock, method: string, path: string, json?: unknown) => mock.call(method, `/__mock${path}`, { token: null, ...(json !== undefined && { json }) });
const groupView = async (mock: TestMock, id = GROUP) => (await control(mock, "GET", `/groups/${id}`)).body.response;

const onetime = (mock: TestMock, fields: Record<string, unknown> = {}) =>
  mock.call("POST", "/subscribe/payments/onetime", { json: { merchant_uid: orderId(), amount: 1000, ...CARD, channelGroupId: GROUP, ...fields } });
const again = (mock: TestMock, customer_uid: string, fields: Record<string, unknown> = {}) =>
  mock.call("POST", "/subscribe/payments/again", { json: { customer_uid, merchant_uid: orderId(), amount: 1000, name: "monthly", ...fields } });
const issueSuperKey = (mock: TestMock, customer_uid: string, fields: Record<string, unknown> = {}) =>
  mock.call("POST", `/subscribe/customers/${customer_uid}`, { json: { ...CARD, customer_id: "cust1", channel_group_id: GROUP, ...fields } });

describe("groups through the control API", () => {
  test("a group is created with an id in PortOne's form, read back, listed, and shown in the state", async () => {
    const mock = createTestMock({ config: routingConfig() });
    const created = await control(mock, "POST", "/groups", { name: "Card split", channels: [{ channel_key: "nice", ratio: 70 }, { channel_key: "kcp", ratio: 30, enabled: false }] });
    expect(created.status).toBe(200);
    const view = created.body.response;
    expect(view.id).toMatch(/^channel-group-test-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(view).toMatchObject({ name: "Card split", environment: "test", picks: 0, ratio_change: null, warnings: [] });
    expect(view.channels).toEqual([
      { channel_key: "nice", pg_provider: "nice_v2", pg_id: "nice-mid", ratio: 70, enabled: true, channel_enabled: true, picks: 0, share: 0 },
      { channel_key: "kcp", pg_provider: "kcp", pg_id: "kcp-mid", ratio: 30, enabled: false, channel_enabled: true, picks: 0, share: 0 },
    ]);
    expect(await groupView(mock, view.id)).toEqual(view);
    expect((await control(mock, "GET", "/groups")).body.response).toEqual([view]);
    expect((await mock.state()).channel_groups).toEqual([view]);
  });

  test("a live group takes the live prefix; an id given is kept", async () => {
    const mock = createTestMock({ config: routingConfig() });
    const live = await control(mock, "POST", "/groups", { name: "live", channels: [{ channel_key: "nice-live", ratio: 100 }] });
    expect(live.body.response.id).toMatch(/^channel-group-live-/);
    expect(live.body.response.environment).toBe("live");
    const named = await control(mock, "POST", "/groups", { id: GROUP, name: "named", channels: [{ channel_key: "nice", ratio: 100 }] });
    expect(named.body.response.id).toBe(GROUP);
  });

  const base = { name: "g", channels: [{ channel_key: "nice", ratio: 60 }, { channel_key: "kcp", ratio: 40 }] };
  const refusals: [string, Record<string, unknown>, number, RegExp][] = [
    ["ratios that do not add up to 100", { ...base, channels: [{ channel_key: "nice", ratio: 60 }, { channel_key: "kcp", ratio: 30 }] }, 400, /channels: the ratios add up to 90; they must add up to exactly 100/],
    ["no channel", { ...base, channels: [] }, 400, /channels: a group has at least 1 channel/],
    ["eleven channels", { ...base, channels: Array.from({ length: 11 }, (_, i) => ({ channel_key: `c${i}`, ratio: i === 0 ? 90 : 1 })) }, 400, /channels: a group has at most 10 channels/],
    ["a channel twice", { ...base, channels: [{ channel_key: "nice", ratio: 50 }, { channel_key: "nice", ratio: 50 }] }, 400, /channels\[1\]\.channel_key: nice is in the group twice/],
    ["a fractional ratio", { ...base, channels: [{ channel_key: "nice", ratio: 50.5 }, { channel_key: "kcp", ratio: 49.5 }] }, 400, /channels\[0\]\.ratio: must be a whole number/],
    ["a ratio above 100 and a negative one", { ...base, channels: [{ channel_key: "nice", ratio: 110 }, { channel_key: "kcp", ratio: -10 }] }, 400, /channels\[0\]\.ratio: must be at most 100; channels\[1\]\.ratio: must be at least 0/],
    ["an unknown channel", { ...base, channels: [{ channel_key: "nope", ratio: 100 }] }, 400, /channels\[0\]\.channel_key: nope names no channel of this merchant/],
    ["test and live channels together", { ...base, channels: [{ channel_key: "nice", ratio: 50 }, { channel_key: "nice-live", ratio: 50 }] }, 400, /channels: a group holds channels of one environment only; test: nice; live: nice-live/],
    ["an id of the other environment", { ...base, id: GROUP.replace("-test-", "-live-") }, 400, /id: the channels are test channels, so the id must start with channel-group-test-/],
    ["an id not in PortOne's form", { ...base, id: "my-group" }, 400, /id: must be channel-group-test-<uuid> or channel-group-live-<uuid>/],
    ["an empty name", { ...base, name: " " }, 400, /name: must not be empty/],
    ["a ratio change off the hour", { ...base, ratio_change: { at: START + 1800, ratios: { nice: 50, kcp: 50 } } }, 400, /ratio_change\.at: must be a whole hour/],
    ["a ratio change in the past", { ...base, ratio_change: { at: START - HOUR, ratios: { nice: 50, kcp: 50 } } }, 400, /ratio_change\.at: \d+ is not in the future/],
    ["a ratio change missing a channel", { ...base, ratio_change: { at: START + HOUR, ratios: { nice: 100 } } }, 400, /ratio_change\.ratios: gives no ratio for kcp/],
    ["a ratio change naming a stranger", { ...base, ratio_change: { at: START + HOUR, ratios: { nice: 50, kcp: 40, toss: 10 } } }, 400, /ratio_change\.ratios: toss is not in the group/],
    ["a ratio change not adding up to 100", { ...base, ratio_change: { at: START + HOUR, ratios: { nice: 50, kcp: 40 } } }, 400, /ratio_change\.ratios: the ratios add up to 90/],
  ];
  test.each(refusals)("creating a group with %s is refused, naming the field and the rule, and nothing is created", async (_, body, status, message) => {
    const mock = createTestMock({ config: routingConfig() });
    const answer = await control(mock, "POST", "/groups", body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code: -1, response: null });
    expect(answer.body.message).toMatch(message);
    expect((await control(mock, "GET", "/groups")).body.response).toEqual([]);
  });

  test("an id already taken is a conflict (409)", async () => {
    const mock = routingMock({ nice: 100 });
    const answer = await control(mock, "POST", "/groups", { ...base, id: GROUP });
    expect(answer.status).toBe(409);
    expect(answer.body.message).toBe(`id: ${GROUP} is already taken`);
  });

  test("a change replaces the fields sent and is checked as a whole; a refused change leaves the group as it was", async () => {
    const mock = routingMock({ nice: 60, kcp: 40 });
    const before = await groupView(mock);
    const refused = [
      [{ channels: [{ channel_key: "nice", ratio: 60 }] }, 400, /channels: the ratios add up to 60/],
      [{ channels: [{ channel_key: "nice", ratio: 50 }, { channel_key: "nice-live", ratio: 50 }] }, 400, /one environment only/],
      [{ ratio_change: { at: START + HOUR, ratios: { nice: 100 } } }, 400, /gives no ratio for kcp/],
      [{}, 400, /send at least one of name, channels or ratio_change/],
    ] as const;
    for (const [body, status, message] of refused) {
      const answer = await control(mock, "PATCH", `/groups/${GROUP}`, body);
      expect(answer.status).toBe(status);
      expect(answer.body.message).toMatch(message);
      expect(await groupView(mock)).toEqual(before);
    }
    const renamed = await control(mock, "PATCH", `/groups/${GROUP}`, { name: "renamed", channels: [{ channel_key: "kcp", ratio: 100 }, { channel_key: "nice", ratio: 0, enabled: false }] });
    expect(renamed.body.response).toMatchObject({ id: GROUP, name: "renamed", channels: [{ channel_key: "kcp", ratio: 100 }, { channel_key: "nice", ratio: 0, enabled: false }] });
    const missing = await control(mock, "PATCH", "/groups/channel-group-test-00000000-0000-4000-8000-000000000000", { name: "x" });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/names no smart routing group of merchant imp10000000/);
  });

  test("a deleted group is gone for good: its id fails on use, on lookup and on re-creation", async () => {
    const mock = routingMock({ nice: 100 });
    expect((await control(mock, "DELETE", `/groups/${GROUP}`)).body.response.id).toBe(GROUP);
    const paid = await onetime(mock);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ code: 1, response: null, message: `channel group ${GROUP} was deleted; a deleted group cannot be used again` });
    expect((await control(mock, "GET", `/groups/${GROUP}`)).status).toBe(404);
    expect((await control(mock, "DELETE", `/groups/${GROUP}`)).body.message).toMatch(/was deleted/);
    const again = await control(mock, "POST", "/groups", { ...base, id: GROUP });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already taken by a deleted group \(ids are never reused\)/);
    expect((await mock.state()).payments).toEqual([]);
  });

  test("groups whose PGs differ carry a warning per capability; the same warnings show in every view", async () => {
    const mock = createTestMock({ config: routingConfig() });
    const view = (await control(mock, "POST", "/groups", { name: "mixed", channels: [{ channel_key: "smartro", ratio: 50 }, { channel_key: "nice", ratio: 50 }] })).body.response;
    expect(view.warnings).toEqual([
      "keyed card payments (POST /subscribe/payments/onetime): smartro (smartro_v2) cannot take part, so such requests fail whenever they are picked; use only what every PG in the group supports",
      "billing keys issued through the API (POST /subscribe/customers/{customer_uid}): smartro (smartro_v2) cannot take part, so such requests fail whenever they are picked; use only what every PG in the group supports",
    ]);
    const checkout = (await control(mock, "POST", "/groups", { name: "methods", channels: members({ nice: 50, settle: 50 }) })).body.response;
    expect(checkout.warnings).toContain("keyed card payments (POST /subscribe/payments/onetime): settle (settle) cannot take part, so such requests fail whenever they are picked; use only what every PG in the group supports");
    expect((await groupView(mock, view.id)).warnings).toEqual(view.warnings);
    const smartroOnly = (await control(mock, "POST", "/groups", { name: "smartro", channels: members({ smartro: 100 }) })).body.response;
    expect(smartroOnly.warnings).toEqual([
      "keyed card payments (POST /subscribe/payments/onetime): no channel of the group can take part, so every such request through it fails",
      "billing keys issued through the API (POST /subscribe/customers/{customer_uid}): no channel of the group can take part, so every such request through it fails",
    ]);
  });
});

describe("groups in the config", () => {
  const refused = (groups: unknown[]) => () => parseConfig(routingConfig(groups));
  test.each([
    ["ratios off 100", [{ name: "g", channels: members({ nice: 99 }) }], /merchants\[0\]\.channel_groups\[0\]\.channels: the ratios add up to 99/],
    ["an unknown channel", [{ name: "g", channels: members({ ghost: 100 }) }], /merchants\[0\]\.channel_groups\[0\]\.channels\[0\]\.channel_key: ghost names no channel of this merchant/],
    ["two environments", [{ name: "g", channels: members({ nice: 50, "nice-live": 50 }) }], /channel_groups\[0\]\.channels: a group holds channels of one environment only/],
    ["a duplicate id", [{ id: GROUP, name: "a", channels: members({ nice: 100 }) }, { id: GROUP, name: "b", channels: members({ kcp: 100 }) }], /channel_groups\[1\]\.id: duplicates channel_groups\[0\]\.id/],
  ])("a config with %s is refused, naming the path", (_, groups, message) => {
    expect(refused(groups)).toThrow(ConfigError);
    expect(refused(groups)).toThrow(message);
  });

  test("a scheduled change at or before the clock's start is refused when the mock starts", () => {
    const config = routingConfig([{ name: "g", channels: members({ nice: 50, kcp: 50 }), ratio_change: { at: START, ratios: { nice: 100, kcp: 0 } } }]);
    expect(() => createMockServer({ config, clock: { start: START } })).toThrow(/channel_groups\[0\]\.ratio_change\.at: \d+ is not after the clock's start/);
  });

  test("a group without an id gets the same id from the same config whatever the seed; a reset brings config groups back and drops the rest", async () => {
    const config = routingConfig([{ name: "g", channels: members({ nice: 100 }) }]);
    const ids = await Promise.all([1, 2].map(async (seed) => (await createTestMock({ seed, config }).state()).channel_groups[0].id));
    expect(ids[0]).toMatch(/^channel-group-test-/);
    expect(ids[1]).toBe(ids[0]);
    const mock = createTestMock({ config });
    await control(mock, "POST", "/groups", { name: "extra", channels: members({ kcp: 100 }) });
    await control(mock, "DELETE", `/groups/${ids[0]}`);
    await control(mock, "POST", "/reset");
    mock.forgetToken();
    expect((await mock.state()).channel_groups.map((g: { id: string }) => g.id)).toEqual([ids[0]]);
  });

  test("the demo merchant has a working group", async () => {
    const mock = createTestMock();
    const paid = await onetime(mock, { channelGroupId: DEMO_GROUP_ID });
    expect(paid.body.code).toBe(0);
    expect(["nice_v2", "kcp", "tosspayments"]).toContain(paid.body.response.pg_provider);
    expect((await groupView(mock, DEMO_GROUP_ID)).warnings).toEqual([]);
  });
});

describe("keyed payments through a group", () => {
  test("each payment goes to one enabled channel, records it, and is counted next to the ratios", async () => {
    const mock = routingMock({ nice: 50, kcp: 30, toss: 20 });
    const providers: string[] = [];
    for (let i = 0; i < 30; i++) {
      const answer = await onetime(mock, { pg: "smartro" });
      expect(answer.body.code, answer.body.message ?? "").toBe(0);
      providers.push(answer.body.response.pg_provider);
      expect(answer.body.response).toMatchObject({ status: "paid", pg_id: `${{ nice_v2: "nice", kcp: "kcp", tosspayments: "toss" }[answer.body.response.pg_provider as string]}-mid` });
    }
    const view = await groupView(mock);
    const counted = Object.fromEntries(view.channels.map((c: { channel_key: string; picks: number }) => [c.channel_key, c.picks]));
    expect(counted).toEqual({ nice: providers.filter((p) => p === "nice_v2").length, kcp: providers.filter((p) => p === "kcp").length, toss: providers.filter((p) => p === "tosspayments").length });
    expect(view.picks).toBe(30);
    expect(view.channels.reduce((s: number, c: { share: number }) => s + c.share, 0)).toBeCloseTo(1);
  });

  test("a disabled member and a disabled channel are never picked; with none left the request fails clearly", async () => {
    const mock = createTestMock({
      config: routingConfig([{ id: GROUP, name: "g", channels: [{ channel_key: "nice", ratio: 10 }, { channel_key: "kcp", ratio: 60, enabled: false }, { channel_key: "off", ratio: 30 }] }], [channel("off", "tosspayments", { enabled: false })]),
    });
    for (let i = 0; i < 20; i++) expect((await onetime(mock)).body.response.pg_provider).toBe("nice_v2");
    await control(mock, "PATCH", `/groups/${GROUP}`, { channels: [{ channel_key: "nice", ratio: 10, enabled: false }, { channel_key: "kcp", ratio: 60, enabled: false }, { channel_key: "off", ratio: 30 }] });
    const none = await onetime(mock);
    expect(none.body).toMatchObject({ code: 1, response: null });
    expect(none.body.message).toBe(`group ${GROUP} has no enabled channel with a ratio above 0 to route to; enable a channel or give it a ratio`);
  });

  test("the chosen channel's PG rules apply: html5_inicis needs buyer_name where NICE does not", async () => {
    const mock = routingMock({ nice: 50, inicis: 50 });
    const outcomes = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const answer = await onetime(mock, { name: "order" });
      if (answer.body.code === 0) outcomes.add(answer.body.response.pg_provider);
      else {
        expect(answer.status).toBe(400);
        expect(answer.body.message).toMatch(/buyer_name is required by html5_inicis/);
        outcomes.add("refused");
      }
    }
    expect(outcomes).toEqual(new Set(["nice_v2", "refused"]));
    // Refused requests are not counted: only the payments made are.
    const view = await groupView(mock);
    expect(view.channels.map((c: { picks: number }) => c.picks)).toEqual([(await mock.state()).payments.length, 0]);
  });

  test("a channel whose PG is not routed keyed payments fails with the channel and the capability named", async () => {
    const mock = routingMock({ smartro: 100 });
    const answer = await onetime(mock);
    expect(answer.body).toMatchObject({ code: 1, response: null });
    expect(answer.body.message).toMatch(/^channel smartro \(smartro_v2\) cannot take keyed card payments \(POST \/subscribe\/payments\/onetime\) through smart routing; PortOne routes them only to nice_v2, kcp, html5_inicis, tosspayments, daou, ksnet/);
    expect(answer.body.message).toMatch(/picked from group .*; use only what every PG in the group supports\)$/);
    expect((await mock.state()).payments).toEqual([]);
  });

  test("bad input naming a group is refused before any pick, and changes nothing", async () => {
    const mock = routingMock({ nice: 50, kcp: 50 });
    await mock.token();
    const before = await mock.state();
    const answers = [
      await onetime(mock, { amount: "lots" }),
      await onetime(mock, { channelGroupId: "x".repeat(56) }),
      await issueSuperKey(mock, "bad1", { card_number: undefined }),
      await again(mock, "nobody"),
    ];
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([[400, -1], [400, -1], [400, -1], [200, 1]]);
    expect(answers[0]!.body.message).toMatch(/amount/);
    expect(answers[1]!.body.message).toMatch(/channelGroupId must be at most 55 characters/);
    expect(answers[2]!.body.message).toMatch(/card_number/);
    expect(await mock.state()).toEqual(before);
  });

  test("an unknown group is refused", async () => {
    const mock = routingMock({ nice: 100 });
    const answer = await onetime(mock, { channelGroupId: "channel-group-test-00000000-0000-4000-8000-000000000000" });
    expect(answer.body).toMatchObject({ code: 1, message: 'channel group "channel-group-test-00000000-0000-4000-8000-000000000000" names no smart routing group of merchant imp10000000' });
  });

  test("the same seed and the same requests pick the same channels in two fresh instances", async () => {
    const run = async (seed: number) => {
      const mock = routingMock({ nice: 34, kcp: 33, toss: 33 }, { seed });
      const picked: string[] = [];
      for (let i = 0; i < 40; i++) picked.push((await onetime(mock, { merchant_uid: `order${i}` })).body.response.pg_provider);
      return picked;
    };
    const first = await run(777);
    expect(await run(777)).toEqual(first);
    expect(new Set(first).size).toBe(3);
    expect(await run(778)).not.toEqual(first);
  });
});

describe("browser checkouts through a group (POST /__mock/payments with channel_group_id)", () => {
  const checkout = (mock: TestMock, fields: Record<string, unknown>) => control(mock, "POST", "/payments", { merchant_uid: orderId(), amount: 1000, channel_group_id: GROUP, ...fields });

  test("a checkout picks a channel by the ratios; a pay method the picked PG is not routed fails naming both", async () => {
    const mock = routingMock({ smartro: 50, nice: 50 });
    const providers = new Set<string>();
    for (let i = 0; i < 12; i++) providers.add((await checkout(mock, { pay_method: "trans" })).body.response.pg_provider);
    expect(providers).toEqual(new Set(["smartro_v2", "nice_v2"]));
    const settle = routingMock({ settle: 100 });
    const refused = await checkout(settle, { pay_method: "kakaopay" });
    expect(refused.body).toMatchObject({ code: 1, response: null });
    expect(refused.body.message).toMatch(/^channel settle \(settle\) cannot take pay_method kakaopay in browser checkout through smart routing; it takes card, trans, vbank, phone/);
  });

  test("a virtual account through a group needs vbank_due, checked before any channel is picked", async () => {
    const mock = routingMock({ nice: 100 });
    const missing = await checkout(mock, { pay_method: "vbank" });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^vbank_due is required for a virtual account through smart routing/);
    const malformed = await checkout(mock, { pay_method: "vbank", vbank_due: "next week" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/vbank_due "next week" is neither unix seconds nor a date/);
    expect((await groupView(mock)).picks).toBe(0);
    const issued = await checkout(mock, { pay_method: "vbank", vbank_due: "2026-01-03" });
    expect(issued.body.response).toMatchObject({ pg_provider: "nice_v2", pay_method: "vbank", vbank_date: START + 2 * 24 * HOUR + 15 * HOUR - 1 });
  });
});

describe("super billing keys", () => {
  test("issue asks every enabled channel: Smartro v2 fails with its reason, the others hold keys", async () => {
    const mock = createTestMock({
      config: routingConfig([{ id: GROUP, name: "g", channels: [{ channel_key: "smartro", ratio: 40 }, { channel_key: "nice", ratio: 30 }, { channel_key: "kcp", ratio: 30 }, { channel_key: "toss", ratio: 0, enabled: false }] }]),
    });
    // pg and channel_key are ignored when a group is named.
    const answer = await issueSuperKey(mock, "super1", { customer_name: "홍길동", pg: "nopay", channel_key: "missing" });
    expect(answer.body.code, answer.body.message ?? "").toBe(0);
    const key = answer.body.response;
    expect(key).toMatchObject({ customer_uid: "super1", channelGroupId: GROUP, customer_id: "cust1", customer_name: "홍길동" });
    expect(key.succeededChannels.map((c: { pg_provider: string; pg_id: string }) => [c.pg_provider, c.pg_id])).toEqual([["nice_v2", "nice-mid"], ["kcp", "kcp-mid"]]);
    expect(key.succeededChannels[0]).toMatchObject({ card_number: "424242******4242", inserted: START, updated: START });
    expect(key.failedChannels).toEqual([
      {
        type: "INVALID_REQUEST",
        pg_provider: "smartro_v2",
        pg_id: "smartro-mid",
        message: expect.stringMatching(/^channel smartro \(smartro_v2\) cannot take billing keys issued through the API .* through smart routing; PortOne routes them only to nice_v2, nice, kcp, html5_inicis, tosspayments, daou, settle, ksnet, welcome$/),
      },
    ]);
    expect((await mock.get("/subscribe/customers/super1")).body.response).toEqual(key);
    expect((await mock.state()).billing_keys).toEqual([key]);
  });

  test("each channel's PG rules and outcomes decide for that channel alone", async () => {
    const mock = routingMock({ nice: 40, kcp: 30, toss: 30 });
    await control(mock, "POST", "/failures", { channel_key: "kcp", outcome: "decline" });
    const answer = await issueSuperKey(mock, "super2", { customer_id: undefined });
    expect(answer.body.code).toBe(0);
    expect(answer.body.response.succeededChannels.map((c: { pg_provider: string }) => c.pg_provider)).toEqual(["nice_v2"]);
    expect(answer.body.response.failedChannels).toEqual([
      { type: "PG_PROVIDER", pg_provider: "kcp", pg_id: "kcp-mid", message: "the PG refused to issue the billing key (armed through the mock's control API)" },
      { type: "INVALID_REQUEST", pg_provider: "tosspayments", pg_id: "toss-mid", message: "customer_id is required by tosspayments" },
    ]);
  });

  test("a group with no member switched on, an unknown group and a deleted one issue nothing", async () => {
    const mock = createTestMock({ config: routingConfig([{ id: GROUP, name: "g", channels: [{ channel_key: "nice", ratio: 100, enabled: false }] }]) });
    const none = await issueSuperKey(mock, "super9");
    expect(none.body).toMatchObject({ code: 1, message: `group ${GROUP} has no enabled channel to issue a billing key on` });
    const unknown = await issueSuperKey(mock, "super9", { channel_group_id: "channel-group-test-00000000-0000-4000-8000-000000000000" });
    expect(unknown.body.message).toMatch(/names no smart routing group/);
    await control(mock, "DELETE", `/groups/${GROUP}`);
    expect((await issueSuperKey(mock, "super9")).body.message).toMatch(/was deleted/);
    const checkoutDeleted = await control(mock, "POST", "/payments", { merchant_uid: orderId(), amount: 1000, channel_group_id: GROUP });
    expect(checkoutDeleted.body).toMatchObject({ code: 1, message: `channel group ${GROUP} was deleted; a deleted group cannot be used again` });
    expect((await mock.state()).billing_keys).toEqual([]);
  });

  test("PortOne failing (armed on one channel) fails the whole issue and uses up no other armed failure", async () => {
    const mock = routingMock({ nice: 50, kcp: 50 });
    await control(mock, "POST", "/failures", { channel_key: "nice", outcome: "decline" });
    await control(mock, "POST", "/failures", { channel_key: "kcp", outcome: "serverError" });
    const answer = await issueSuperKey(mock, "super10");
    expect(answer.status).toBe(500);
    expect(answer.body.message).toMatch(/^PortOne failed while asking channel kcp for a billing key/);
    expect((await control(mock, "GET", "/failures")).body.response).toMatchObject([{ channel_key: "nice", remaining: 1 }]);
    expect((await mock.state()).billing_keys).toEqual([]);
  });

  test("GET /subscribe/customers lists super and ordinary keys alike", async () => {
    const mock = routingMock({ nice: 50, kcp: 50 });
    await issueSuperKey(mock, "super11");
    await mock.call("POST", "/subscribe/customers/plain1", { json: { ...CARD, channel_key: "kcp" } });
    const listed = await mock.get("/subscribe/customers", { customer_uid: ["super11", "plain1"] });
    expect(listed.status).toBe(200);
    expect(listed.body.response.map((k: { customer_uid: string; channelGroupId?: string; pg_provider?: string }) => [k.customer_uid, k.channelGroupId ?? k.pg_provider])).toEqual([
      ["super11", GROUP],
      ["plain1", "kcp"],
    ]);
  });

  test("when no member holding the key can be picked, again and new schedules are refused until channel_key names one", async () => {
    const mock = routingMock({ nice: 50, kcp: 50 });
    await issueSuperKey(mock, "super12");
    await control(mock, "PATCH", `/groups/${GROUP}`, { channels: [{ channel_key: "nice", ratio: 0 }, { channel_key: "kcp", ratio: 0, enabled: false }, { channel_key: "toss", ratio: 100 }] });
    const expected = `none of the channels holding a key for customer_uid super12 (nice, kcp) can be picked in group ${GROUP}: each is switched off, at ratio 0 or no longer in the group; send channel_key to pay with one of them`;
    expect((await again(mock, "super12")).body).toMatchObject({ code: 1, message: expected });
    const schedule = { merchant_uid: "sched12", schedule_at: START + 600, amount: 1000, name: "m" };
    expect((await mock.call("POST", "/subscribe/payments/schedule", { json: { customer_uid: "super12", schedules: [schedule] } })).body).toMatchObject({ code: 1, message: expected });
    expect((await again(mock, "super12", { channel_key: "kcp" })).body.response.pg_provider).toBe("kcp");
  });

  test("a super key's schedules refuse card data, and a deleted group refuses new ones without channel_key", async () => {
    const mock = routingMock({ nice: 100 });
    await issueSuperKey(mock, "super13");
    const schedule = (extra: Record<string, unknown>) =>
      mock.call("POST", "/subscribe/payments/schedule", { json: { customer_uid: "super13", schedules: [{ merchant_uid: orderId(), schedule_at: START + 600, amount: 1000, name: "m" }], ...extra } });
    const single = await schedule({});
    expect(single.body.response[0]).toMatchObject({ pg_provider: null, pg_id: null });
    expect((await schedule(CARD)).body.message).toBe(`customer_uid super13 is a super billing key of group ${GROUP}; replace it through POST /subscribe/customers/{customer_uid} with channel_group_id, not with card data in a schedule`);
    await control(mock, "DELETE", `/groups/${GROUP}`);
    expect((await schedule({})).body.message).toMatch(/which was deleted; send channel_key \(one of nice\)/);
    expect((await schedule({ channel_key: "nice" })).body.code).toBe(0);
  });

  test("when no channel issues a key the request fails with every reason, and nothing is stored", async () => {
    const mock = routingMock({ smartro: 50, nice: 50 });
    const answer = await issueSuperKey(mock, "super3", { card_number: "4000000000000002" });
    expect(answer.body).toMatchObject({ code: 1, response: null });
    expect(answer.body.message).toMatch(new RegExp(`^no channel of group ${GROUP} issued a billing key: smartro \\(smartro_v2\\): .*; nice \\(nice_v2\\): billing key not issued: `));
    expect((await mock.state()).billing_keys).toEqual([]);
  });

  test("again picks among the channels holding a key, by the ratios renormalised over them (chi-square, p ≥ 0.001)", async () => {
    const mock = routingMock({ smartro: 40, nice: 30, kcp: 20, toss: 10 }, { seed: 4242 });
    expect((await issueSuperKey(mock, "super4")).body.response.failedChannels).toHaveLength(1);
    const PAYMENTS = 1500;
    const counts: Record<string, number> = { nice_v2: 0, kcp: 0, tosspayments: 0 };
    for (let i = 0; i < PAYMENTS; i++) {
      const answer = await again(mock, "super4");
      expect(answer.body.code, answer.body.message ?? "").toBe(0);
      expect(answer.body.response).toMatchObject({ status: "paid", customer_uid: "super4" });
      counts[answer.body.response.pg_provider as string]! += 1;
    }
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(PAYMENTS);
    const fit = chiSquare([counts.nice_v2!, counts.kcp!, counts.tosspayments!], [30, 20, 10]);
    expect(fit.statistic, `counts ${JSON.stringify(counts)}`).toBeLessThan(fit.critical);
    const view = await groupView(mock);
    expect(view.channels.map((c: { picks: number }) => c.picks)).toEqual([0, counts.nice_v2, counts.kcp, counts.tosspayments]);
  });

  test("channel_key forces that channel's key; a channel without one is refused, naming those that hold one", async () => {
    const mock = routingMock({ smartro: 40, nice: 30, kcp: 30 });
    await issueSuperKey(mock, "super5");
    for (let i = 0; i < 10; i++) expect((await again(mock, "super5", { channel_key: "kcp" })).body.response.pg_provider).toBe("kcp");
    const refused = await again(mock, "super5", { channel_key: "smartro" });
    expect(refused.body).toMatchObject({ code: 1, message: "customer_uid super5 holds no key on channel_key smartro; its keys are on nice, kcp" });
    expect((await groupView(mock)).picks).toBe(0);
  });

  test("after the group is deleted only channel_key pays with a super billing key", async () => {
    const mock = routingMock({ nice: 50, kcp: 50 });
    await issueSuperKey(mock, "super6");
    await control(mock, "DELETE", `/groups/${GROUP}`);
    const refused = await again(mock, "super6");
    expect(refused.body.code).toBe(1);
    expect(refused.body.message).toBe(`customer_uid super6 is a super billing key of group ${GROUP}, which was deleted; send channel_key (one of nice, kcp) to pay with that channel's key`);
    expect((await again(mock, "super6", { channel_key: "nice" })).body.response.pg_provider).toBe("nice_v2");
  });

  test("a schedule with a super billing key shows its channel once it has run; channel_key fixes it up front", async () => {
    const mock = routingMock({ nice: 50, kcp: 50 });
    await issueSuperKey(mock, "super7");
    const schedule = (merchant_uid: string, extra: Record<string, unknown> = {}) =>
      mock.call("POST", "/subscribe/payments/schedule", { json: { customer_uid: "super7", schedules: [{ merchant_uid, schedule_at: START + 600, amount: 1000, name: "monthly" }], ...extra } });
    const routed = await schedule("sched1");
    expect(routed.body.response[0]).toMatchObject({ pg_provider: null, pg_id: null, schedule_status: "scheduled" });
    const forced = await schedule("sched2", { channel_key: "kcp" });
    expect(forced.body.response[0]).toMatchObject({ pg_provider: "kcp", pg_id: "kcp-mid" });
    const refused = await schedule("sched3", { channel_key: "toss" });
    expect(refused.body).toMatchObject({ code: 1, message: "customer_uid super7 holds no key on channel_key toss; its keys are on nice, kcp" });
    await control(mock, "POST", "/clock/advance", { seconds: 600 });
    const ran = (await mock.get("/subscribe/payments/schedule/sched1")).body.response;
    expect(ran).toMatchObject({ schedule_status: "executed", payment_status: "paid" });
    expect(["nice_v2", "kcp"]).toContain(ran.pg_provider);
    const payment = (await mock.get(`/payments/${ran.imp_uid}`)).body.response;
    expect([payment.pg_provider, payment.pg_id]).toEqual([ran.pg_provider, ran.pg_id]);
    expect((await mock.get("/subscribe/payments/schedule/sched2")).body.response).toMatchObject({ pg_provider: "kcp", payment_status: "paid" });
  });
});

describe("scheduled ratio changes", () => {
  test("a change takes effect when the virtual clock passes its hour, for requests and for schedules due from that moment", async () => {
    const at = START + 2 * HOUR;
    const mock = routingMock({ nice: 100, kcp: 0 }, { extra: { ratio_change: { at, ratios: { nice: 0, kcp: 100 } } } });
    expect((await groupView(mock)).ratio_change).toEqual({ at, ratios: { nice: 0, kcp: 100 } });
    expect((await onetime(mock)).body.response.pg_provider).toBe("nice_v2");
    await issueSuperKey(mock, "super8");
    const schedules = [
      { merchant_uid: "before", schedule_at: at - 1, amount: 1000, name: "m" },
      { merchant_uid: "onthehour", schedule_at: at, amount: 1000, name: "m" },
    ];
    expect((await mock.call("POST", "/subscribe/payments/schedule", { json: { customer_uid: "super8", schedules } })).body.code).toBe(0);
    await control(mock, "POST", "/clock/advance", { seconds: 2 * HOUR - 1 });
    expect((await groupView(mock)).channels.map((c: { ratio: number }) => c.ratio)).toEqual([100, 0]);
    await control(mock, "POST", "/clock/advance", { seconds: 1 });
    const view = await groupView(mock);
    expect(view.ratio_change).toBeNull();
    expect(view.channels.map((c: { ratio: number }) => c.ratio)).toEqual([0, 100]);
    expect((await mock.get("/subscribe/payments/schedule/before")).body.response.pg_provider).toBe("nice_v2");
    expect((await mock.get("/subscribe/payments/schedule/onthehour")).body.response.pg_provider).toBe("kcp");
    expect((await onetime(mock)).body.response.pg_provider).toBe("kcp");
  });

  test("switching a member off keeps a waiting change; other members drop it; a change not ahead is refused", async () => {
    const mock = routingMock({ nice: 50, kcp: 50 }, { extra: { ratio_change: { at: START + HOUR, ratios: { nice: 10, kcp: 90 } } } });
    const switched = await control(mock, "PATCH", `/groups/${GROUP}`, { channels: [{ channel_key: "kcp", ratio: 50 }, { channel_key: "nice", ratio: 50, enabled: false }] });
    expect(switched.body.response.ratio_change).toEqual({ at: START + HOUR, ratios: { nice: 10, kcp: 90 } });
    const past = await control(mock, "PATCH", `/groups/${GROUP}`, { ratio_change: { at: START, ratios: { nice: 10, kcp: 90 } } });
    expect(past.status).toBe(400);
    expect(past.body.message).toBe(`ratio_change.at: ${START} is not in the future (now ${START}); a change takes effect at a coming whole hour`);
    const replaced = await control(mock, "PATCH", `/groups/${GROUP}`, { channels: members({ nice: 50, toss: 50 }) });
    expect(replaced.body.response.ratio_change).toBeNull();
  });

  test("a change can be scheduled, replaced and dropped through the control API", async () => {
    const mock = routingMock({ nice: 50, kcp: 50 });
    const change = { at: START + HOUR, ratios: { nice: 10, kcp: 90 } };
    expect((await control(mock, "PATCH", `/groups/${GROUP}`, { ratio_change: change })).body.response.ratio_change).toEqual(change);
    expect((await control(mock, "DELETE", `/groups/${GROUP}/ratio-change`)).body.response.ratio_change).toBeNull();
    await control(mock, "PATCH", `/groups/${GROUP}`, { ratio_change: change });
    await control(mock, "POST", "/clock/set", { now: START + 5 * HOUR });
    expect((await groupView(mock)).channels.map((c: { ratio: number }) => c.ratio)).toEqual([10, 90]);
  });
});

test("a reset forgets the picks", async () => {
  const mock = routingMock({ nice: 100 });
  await onetime(mock);
  expect((await groupView(mock)).picks).toBe(1);
  await control(mock, "POST", "/reset");
  mock.forgetToken();
  expect((await groupView(mock)).picks).toBe(0);
});
