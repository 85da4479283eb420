/**
 * Smart routing groups through the control API: creation with ids in PortOne's form, the refusals
 * naming the field and the rule, changes, and deletion for good.
 */
import { expect, test } from "vitest";
import { createTestMock, START, explained } from "../../support/mock.ts";
import { control } from "../../support/requests.ts";
import { GROUP, groupView, HOUR, routedOnetime, routingConfig, routingMock } from "../../support/routing.ts";

test("a group created through the control API gets an id in PortOne's form, is read back, listed, and shown in the state", async () => {
  const mock = createTestMock({ config: routingConfig() });
  const created = await control(mock, "POST", "/groups", {
    name: "Card split",
    channels: [
      { channel_key: "nice", ratio: 70 },
      { channel_key: "kcp", ratio: 30, enabled: false },
    ],
  });
  expect(created.status).toBe(200);
  const view = created.body.response;
  expect(view.id).toMatch(/^channel-group-test-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(view).toMatchObject({ name: "Card split", environment: "test", picks: 0, ratio_change: null, warnings: [] });
  expect(view.channels).toEqual([
    {
      channel_key: "nice",
      pg_provider: "nice_v2",
      pg_id: "nice-mid",
      ratio: 70,
      enabled: true,
      channel_enabled: true,
      picks: 0,
      share: 0,
    },
    {
      channel_key: "kcp",
      pg_provider: "kcp",
      pg_id: "kcp-mid",
      ratio: 30,
      enabled: false,
      channel_enabled: true,
      picks: 0,
      share: 0,
    },
  ]);
  expect(await groupView(mock, view.id)).toEqual(view);
  expect((await control(mock, "GET", "/groups")).body.response).toEqual([view]);
  expect((await mock.state()).channel_groups).toEqual([view]);
});

test("a group of live channels takes the live prefix; an id given at creation is kept", async () => {
  const mock = createTestMock({ config: routingConfig() });
  const live = await control(mock, "POST", "/groups", {
    name: "live",
    channels: [{ channel_key: "nice-live", ratio: 100 }],
  });
  expect(live.body.response.id).toMatch(/^channel-group-live-/);
  expect(live.body.response.environment).toBe("live");
  const named = await control(mock, "POST", "/groups", {
    id: GROUP,
    name: "named",
    channels: [{ channel_key: "nice", ratio: 100 }],
  });
  expect(named.body.response.id).toBe(GROUP);
});

const base = {
  name: "g",
  channels: [
    { channel_key: "nice", ratio: 60 },
    { channel_key: "kcp", ratio: 40 },
  ],
};
const refusals: [string, Record<string, unknown>, number, RegExp][] = [
  [
    "ratios that do not add up to 100",
    {
      ...base,
      channels: [
        { channel_key: "nice", ratio: 60 },
        { channel_key: "kcp", ratio: 30 },
      ],
    },
    400,
    /channels: the ratios add up to 90; they must add up to exactly 100/,
  ],
  ["no channel", { ...base, channels: [] }, 400, /channels: a group has at least 1 channel/],
  [
    "eleven channels",
    { ...base, channels: Array.from({ length: 11 }, (_, i) => ({ channel_key: `c${i}`, ratio: i === 0 ? 90 : 1 })) },
    400,
    /channels: a group has at most 10 channels/,
  ],
  [
    "a channel twice",
    {
      ...base,
      channels: [
        { channel_key: "nice", ratio: 50 },
        { channel_key: "nice", ratio: 50 },
      ],
    },
    400,
    /channels\[1\]\.channel_key: nice is in the group twice/,
  ],
  [
    "a fractional ratio",
    {
      ...base,
      channels: [
        { channel_key: "nice", ratio: 50.5 },
        { channel_key: "kcp", ratio: 49.5 },
      ],
    },
    400,
    /channels\[0\]\.ratio: must be a whole number/,
  ],
  [
    "a ratio above 100 and a negative one",
    {
      ...base,
      channels: [
        { channel_key: "nice", ratio: 110 },
        { channel_key: "kcp", ratio: -10 },
      ],
    },
    400,
    /channels\[0\]\.ratio: must be at most 100; channels\[1\]\.ratio: must be at least 0/,
  ],
  [
    "an unknown channel",
    { ...base, channels: [{ channel_key: "nope", ratio: 100 }] },
    400,
    /channels\[0\]\.channel_key: nope names no channel of this merchant/,
  ],
  [
    "test and live channels together",
    {
      ...base,
      channels: [
        { channel_key: "nice", ratio: 50 },
        { channel_key: "nice-live", ratio: 50 },
      ],
    },
    400,
    /channels: a group holds channels of one environment only; test: nice; live: nice-live/,
  ],
  [
    "an id of the other environment",
    { ...base, id: GROUP.replace("-test-", "-live-") },
    400,
    /id: the channels are test channels, so the id must start with channel-group-test-/,
  ],
  [
    "an id not in PortOne's form",
    { ...base, id: "my-group" },
    400,
    /id: must be channel-group-test-<uuid> or channel-group-live-<uuid>/,
  ],
  ["an empty name", { ...base, name: " " }, 400, /name: must not be empty/],
  [
    "a ratio change off the hour",
    { ...base, ratio_change: { at: START + 1800, ratios: { nice: 50, kcp: 50 } } },
    400,
    /ratio_change\.at: must be a whole hour/,
  ],
  [
    "a ratio change in the past",
    { ...base, ratio_change: { at: START - HOUR, ratios: { nice: 50, kcp: 50 } } },
    400,
    /ratio_change\.at: \d+ is not in the future/,
  ],
  [
    "a ratio change missing a channel",
    { ...base, ratio_change: { at: START + HOUR, ratios: { nice: 100 } } },
    400,
    /ratio_change\.ratios: gives no ratio for kcp/,
  ],
  [
    "a ratio change naming a stranger",
    { ...base, ratio_change: { at: START + HOUR, ratios: { nice: 50, kcp: 40, toss: 10 } } },
    400,
    /ratio_change\.ratios: toss is not in the group/,
  ],
  [
    "a ratio change not adding up to 100",
    { ...base, ratio_change: { at: START + HOUR, ratios: { nice: 50, kcp: 40 } } },
    400,
    /ratio_change\.ratios: the ratios add up to 90/,
  ],
];

test.each(refusals)(
  "creating a group with %s is refused, naming the field and the rule, and nothing is created",
  async (_, body, status, message) => {
    const mock = createTestMock({ config: routingConfig() });
    const answer = await control(mock, "POST", "/groups", body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code: -1, response: null });
    expect(answer.explanation).toMatch(message);
    expect((await control(mock, "GET", "/groups")).body.response).toEqual([]);
  },
);

test("creating a group with an id already taken is a conflict (409)", async () => {
  const mock = routingMock({ nice: 100 });
  const answer = await control(mock, "POST", "/groups", { ...base, id: GROUP });
  expect(answer.status).toBe(409);
  expect(answer.explanation).toBe(`id: ${GROUP} is already taken`);
});

test("a change to a group replaces the fields sent and is checked as a whole; a refused change leaves the group as it was", async () => {
  const mock = routingMock({ nice: 60, kcp: 40 });
  const before = await groupView(mock);
  const refused = [
    [{ channels: [{ channel_key: "nice", ratio: 60 }] }, 400, /channels: the ratios add up to 60/],
    [
      {
        channels: [
          { channel_key: "nice", ratio: 50 },
          { channel_key: "nice-live", ratio: 50 },
        ],
      },
      400,
      /one environment only/,
    ],
    [{ ratio_change: { at: START + HOUR, ratios: { nice: 100 } } }, 400, /gives no ratio for kcp/],
    [{}, 400, /send at least one of name, channels or ratio_change/],
  ] as const;
  for (const [body, status, message] of refused) {
    const answer = await control(mock, "PATCH", `/groups/${GROUP}`, body);
    expect(answer.status).toBe(status);
    expect(answer.explanation).toMatch(message);
    expect(await groupView(mock)).toEqual(before);
  }
  const renamed = await control(mock, "PATCH", `/groups/${GROUP}`, {
    name: "renamed",
    channels: [
      { channel_key: "kcp", ratio: 100 },
      { channel_key: "nice", ratio: 0, enabled: false },
    ],
  });
  expect(renamed.body.response).toMatchObject({
    id: GROUP,
    name: "renamed",
    channels: [
      { channel_key: "kcp", ratio: 100 },
      { channel_key: "nice", ratio: 0, enabled: false },
    ],
  });
  const missing = await control(mock, "PATCH", "/groups/channel-group-test-00000000-0000-4000-8000-000000000000", {
    name: "x",
  });
  expect(missing.status).toBe(404);
  expect(missing.explanation).toMatch(/names no smart routing group of merchant imp10000000/);
});

test("a deleted group is gone for good: its id fails on use, on lookup and on re-creation", async () => {
  const mock = routingMock({ nice: 100 });
  expect((await control(mock, "DELETE", `/groups/${GROUP}`)).body.response.id).toBe(GROUP);
  const paid = await routedOnetime(mock);
  expect(paid.status).toBe(200);
  expect(explained(paid)).toMatchObject({
    code: 1,
    response: null,
    message: `channel group ${GROUP} was deleted; a deleted group cannot be used again`,
  });
  expect((await control(mock, "GET", `/groups/${GROUP}`)).status).toBe(404);
  expect((await control(mock, "DELETE", `/groups/${GROUP}`)).explanation).toMatch(/was deleted/);
  const again = await control(mock, "POST", "/groups", { ...base, id: GROUP });
  expect(again.status).toBe(409);
  expect(again.explanation).toMatch(/already taken by a deleted group \(ids are never reused\)/);
  expect((await mock.state()).payments).toEqual([]);
});
