/**
 * Paying with a super billing key: again and schedules pick among the channels holding a key,
 * channel_key forces one, and what happens once no holder can be picked or the group is deleted.
 */
import { expect, test } from "vitest";
import { chiSquare } from "../../support/chi-square.ts";
import { CARD, orderId, START, explained } from "../../support/mock.ts";
import { control } from "../../support/requests.ts";
import { again, GROUP, groupView, issueSuperKey, routingMock } from "../../support/routing.ts";

test("when no holder of a super billing key is at a positive ratio, a holder at ratio 0 still pays (PortOne's smart-routing guide)", async () => {
  const mock = routingMock({ nice: 50, kcp: 50 });
  await issueSuperKey(mock, "super11");
  await control(mock, "PATCH", `/groups/${GROUP}`, {
    channels: [
      { channel_key: "nice", ratio: 0 },
      { channel_key: "kcp", ratio: 0, enabled: false },
      { channel_key: "toss", ratio: 100 },
    ],
  });
  const paid = await again(mock, "super11");
  expect(paid.body.code).toBe(0);
  // kcp is switched off and toss holds no key: only nice, at ratio 0, can serve.
  expect(paid.body.response.pg_provider).toBe("nice_v2");
  const schedule = { merchant_uid: "sched11", schedule_at: START + 600, amount: 1000, name: "m", customer_id: "c" };
  const scheduled = await mock.call("POST", "/subscribe/payments/schedule", {
    json: { customer_uid: "super11", schedules: [schedule] },
  });
  expect(scheduled.body.code).toBe(0);
  const picks = (await groupView(mock)).channels.find((c: { channel_key: string }) => c.channel_key === "nice").picks;
  expect(picks).toBe(1);
});

test("when no holder of a super billing key can be picked at all, again and new schedules are refused until channel_key names one", async () => {
  const mock = routingMock({ nice: 50, kcp: 50 });
  await issueSuperKey(mock, "super12");
  await control(mock, "PATCH", `/groups/${GROUP}`, {
    channels: [
      { channel_key: "nice", ratio: 0, enabled: false },
      { channel_key: "kcp", ratio: 0, enabled: false },
      { channel_key: "toss", ratio: 100 },
    ],
  });
  const expected = `none of the channels holding a key for customer_uid super12 (nice, kcp) can be picked in group ${GROUP}: each is switched off or no longer in the group; send channel_key to pay with one of them`;
  expect(explained(await again(mock, "super12"))).toMatchObject({ code: 1, message: expected });
  const schedule = { merchant_uid: "sched12", schedule_at: START + 600, amount: 1000, name: "m" };
  expect(
    explained(
      await mock.call("POST", "/subscribe/payments/schedule", {
        json: { customer_uid: "super12", schedules: [schedule] },
      }),
    ),
  ).toMatchObject({ code: 1, message: expected });
  expect((await again(mock, "super12", { channel_key: "kcp" })).body.response.pg_provider).toBe("kcp");
});

test("a super key's schedules refuse card data, and a deleted group refuses new ones without channel_key", async () => {
  const mock = routingMock({ nice: 100 });
  await issueSuperKey(mock, "super13");
  const schedule = (extra: Record<string, unknown>) =>
    mock.call("POST", "/subscribe/payments/schedule", {
      json: {
        customer_uid: "super13",
        schedules: [{ merchant_uid: orderId(), schedule_at: START + 600, amount: 1000, name: "m" }],
        ...extra,
      },
    });
  const single = await schedule({});
  expect(single.body.response[0]).toMatchObject({ pg_provider: null, pg_id: null });
  expect((await schedule(CARD)).explanation).toBe(
    `customer_uid super13 is a super billing key of group ${GROUP}; replace it through POST /subscribe/customers/{customer_uid} with channel_group_id, not with card data in a schedule`,
  );
  await control(mock, "DELETE", `/groups/${GROUP}`);
  expect((await schedule({})).explanation).toMatch(/which was deleted; send channel_key \(one of nice\)/);
  expect((await schedule({ channel_key: "nice" })).body.code).toBe(0);
});

test("again with a super billing key picks among the channels holding a key, by the ratios renormalised over them (chi-square, p ≥ 0.001)", async () => {
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
  expect(view.channels.map((c: { picks: number }) => c.picks)).toEqual([
    0,
    counts.nice_v2,
    counts.kcp,
    counts.tosspayments,
  ]);
});

test("again with a super billing key and channel_key forces that channel's key; a channel without one is refused, naming those that hold one", async () => {
  const mock = routingMock({ smartro: 40, nice: 30, kcp: 30 });
  await issueSuperKey(mock, "super5");
  for (let i = 0; i < 10; i++)
    expect((await again(mock, "super5", { channel_key: "kcp" })).body.response.pg_provider).toBe("kcp");
  const refused = await again(mock, "super5", { channel_key: "smartro" });
  expect(explained(refused)).toMatchObject({
    code: 1,
    message: "customer_uid super5 holds no key on channel_key smartro; its keys are on nice, kcp",
  });
  expect((await groupView(mock)).picks).toBe(0);
});

test("after the group is deleted only channel_key pays with a super billing key", async () => {
  const mock = routingMock({ nice: 50, kcp: 50 });
  await issueSuperKey(mock, "super6");
  await control(mock, "DELETE", `/groups/${GROUP}`);
  const refused = await again(mock, "super6");
  expect(refused.body.code).toBe(1);
  expect(refused.explanation).toBe(
    `customer_uid super6 is a super billing key of group ${GROUP}, which was deleted; send channel_key (one of nice, kcp) to pay with that channel's key`,
  );
  expect((await again(mock, "super6", { channel_key: "nice" })).body.response.pg_provider).toBe("nice_v2");
});

test("a schedule with a super billing key shows its channel once it has run; channel_key fixes it up front", async () => {
  const mock = routingMock({ nice: 50, kcp: 50 });
  await issueSuperKey(mock, "super7");
  const schedule = (merchant_uid: string, extra: Record<string, unknown> = {}) =>
    mock.call("POST", "/subscribe/payments/schedule", {
      json: {
        customer_uid: "super7",
        schedules: [{ merchant_uid, schedule_at: START + 600, amount: 1000, name: "monthly" }],
        ...extra,
      },
    });
  const routed = await schedule("sched1");
  expect(routed.body.response[0]).toMatchObject({ pg_provider: null, pg_id: null, schedule_status: "scheduled" });
  const forced = await schedule("sched2", { channel_key: "kcp" });
  expect(forced.body.response[0]).toMatchObject({ pg_provider: "kcp", pg_id: "kcp-mid" });
  const refused = await schedule("sched3", { channel_key: "toss" });
  expect(explained(refused)).toMatchObject({
    code: 1,
    message: "customer_uid super7 holds no key on channel_key toss; its keys are on nice, kcp",
  });
  await control(mock, "POST", "/clock/advance", { seconds: 600 });
  const ran = (await mock.get("/subscribe/payments/schedule/sched1")).body.response;
  expect(ran).toMatchObject({ schedule_status: "executed", payment_status: "paid" });
  expect(["nice_v2", "kcp"]).toContain(ran.pg_provider);
  const payment = (await mock.get(`/payments/${ran.imp_uid}`)).body.response;
  expect([payment.pg_provider, payment.pg_id]).toEqual([ran.pg_provider, ran.pg_id]);
  expect((await mock.get("/subscribe/payments/schedule/sched2")).body.response).toMatchObject({
    pg_provider: "kcp",
    payment_status: "paid",
  });
});
