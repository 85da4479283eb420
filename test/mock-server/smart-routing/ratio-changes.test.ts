/**
 * Scheduled ratio changes of a group on the virtual clock.
 */
import { expect, test } from "vitest";
import { START } from "../../support/mock.ts";
import { control } from "../../support/requests.ts";
import { GROUP, groupView, HOUR, issueSuperKey, members, routedOnetime, routingMock } from "../../support/routing.ts";

test("a scheduled ratio change takes effect when the virtual clock passes its hour, for requests and for schedules due from that moment", async () => {
  const at = START + 2 * HOUR;
  const mock = routingMock({ nice: 100, kcp: 0 }, { extra: { ratio_change: { at, ratios: { nice: 0, kcp: 100 } } } });
  expect((await groupView(mock)).ratio_change).toEqual({ at, ratios: { nice: 0, kcp: 100 } });
  expect((await routedOnetime(mock)).body.response.pg_provider).toBe("nice_v2");
  await issueSuperKey(mock, "super8");
  const schedules = [
    { merchant_uid: "before", schedule_at: at - 1, amount: 1000, name: "m" },
    { merchant_uid: "onthehour", schedule_at: at, amount: 1000, name: "m" },
  ];
  expect(
    (await mock.call("POST", "/subscribe/payments/schedule", { json: { customer_uid: "super8", schedules } })).body
      .code,
  ).toBe(0);
  await control(mock, "POST", "/clock/advance", { seconds: 2 * HOUR - 1 });
  expect((await groupView(mock)).channels.map((c: { ratio: number }) => c.ratio)).toEqual([100, 0]);
  await control(mock, "POST", "/clock/advance", { seconds: 1 });
  const view = await groupView(mock);
  expect(view.ratio_change).toBeNull();
  expect(view.channels.map((c: { ratio: number }) => c.ratio)).toEqual([0, 100]);
  expect((await mock.get("/subscribe/payments/schedule/before")).body.response.pg_provider).toBe("nice_v2");
  expect((await mock.get("/subscribe/payments/schedule/onthehour")).body.response.pg_provider).toBe("kcp");
  expect((await routedOnetime(mock)).body.response.pg_provider).toBe("kcp");
});

test("switching a member off keeps a waiting ratio change; changing other members drops it; a change not ahead is refused", async () => {
  const mock = routingMock(
    { nice: 50, kcp: 50 },
    { extra: { ratio_change: { at: START + HOUR, ratios: { nice: 10, kcp: 90 } } } },
  );
  const switched = await control(mock, "PATCH", `/groups/${GROUP}`, {
    channels: [
      { channel_key: "kcp", ratio: 50 },
      { channel_key: "nice", ratio: 50, enabled: false },
    ],
  });
  expect(switched.body.response.ratio_change).toEqual({ at: START + HOUR, ratios: { nice: 10, kcp: 90 } });
  const past = await control(mock, "PATCH", `/groups/${GROUP}`, {
    ratio_change: { at: START, ratios: { nice: 10, kcp: 90 } },
  });
  expect(past.status).toBe(400);
  expect(past.explanation).toBe(
    `ratio_change.at: ${START} is not in the future (now ${START}); a change takes effect at a coming whole hour`,
  );
  const replaced = await control(mock, "PATCH", `/groups/${GROUP}`, { channels: members({ nice: 50, toss: 50 }) });
  expect(replaced.body.response.ratio_change).toBeNull();
});

test("a ratio change can be scheduled, replaced and dropped through the control API", async () => {
  const mock = routingMock({ nice: 50, kcp: 50 });
  const change = { at: START + HOUR, ratios: { nice: 10, kcp: 90 } };
  expect(
    (await control(mock, "PATCH", `/groups/${GROUP}`, { ratio_change: change })).body.response.ratio_change,
  ).toEqual(change);
  expect((await control(mock, "DELETE", `/groups/${GROUP}/ratio-change`)).body.response.ratio_change).toBeNull();
  await control(mock, "PATCH", `/groups/${GROUP}`, { ratio_change: change });
  await control(mock, "POST", "/clock/set", { now: START + 5 * HOUR });
  expect((await groupView(mock)).channels.map((c: { ratio: number }) => c.ratio)).toEqual([10, 90]);
});
