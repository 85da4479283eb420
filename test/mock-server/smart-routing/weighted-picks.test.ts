/**
 * Keyed payments through a group: each goes to one enabled channel picked by the ratios, counted
 * next to them; what is never picked; refusals before any pick; the same seed picks the same.
 */
import { expect, test } from "vitest";
import { createTestMock, explained } from "../../support/mock.ts";
import { control } from "../../support/requests.ts";
import {
  again,
  channel,
  GROUP,
  groupView,
  issueSuperKey,
  routedOnetime,
  routingConfig,
  routingMock,
} from "../../support/routing.ts";

test("each keyed payment through a group goes to one enabled channel, records it, and is counted next to the ratios", async () => {
  const mock = routingMock({ nice: 50, kcp: 30, toss: 20 });
  const providers: string[] = [];
  for (let i = 0; i < 30; i++) {
    const answer = await routedOnetime(mock, { pg: "smartro" });
    expect(answer.body.code, answer.body.message ?? "").toBe(0);
    providers.push(answer.body.response.pg_provider);
    expect(answer.body.response).toMatchObject({
      status: "paid",
      pg_id: `${{ nice_v2: "nice", kcp: "kcp", tosspayments: "toss" }[answer.body.response.pg_provider as string]}-mid`,
    });
  }
  const view = await groupView(mock);
  const counted = Object.fromEntries(
    view.channels.map((c: { channel_key: string; picks: number }) => [c.channel_key, c.picks]),
  );
  expect(counted).toEqual({
    nice: providers.filter((p) => p === "nice_v2").length,
    kcp: providers.filter((p) => p === "kcp").length,
    toss: providers.filter((p) => p === "tosspayments").length,
  });
  expect(view.picks).toBe(30);
  expect(view.channels.reduce((s: number, c: { share: number }) => s + c.share, 0)).toBeCloseTo(1);
});

test("a disabled member and a disabled channel are never picked; with none left a keyed payment through the group fails clearly", async () => {
  const mock = createTestMock({
    config: routingConfig(
      [
        {
          id: GROUP,
          name: "g",
          channels: [
            { channel_key: "nice", ratio: 10 },
            { channel_key: "kcp", ratio: 60, enabled: false },
            { channel_key: "off", ratio: 30 },
          ],
        },
      ],
      [channel("off", "tosspayments", { enabled: false })],
    ),
  });
  for (let i = 0; i < 20; i++) expect((await routedOnetime(mock)).body.response.pg_provider).toBe("nice_v2");
  await control(mock, "PATCH", `/groups/${GROUP}`, {
    channels: [
      { channel_key: "nice", ratio: 10, enabled: false },
      { channel_key: "kcp", ratio: 60, enabled: false },
      { channel_key: "off", ratio: 30 },
    ],
  });
  const none = await routedOnetime(mock);
  expect(none.body).toMatchObject({ code: 1, response: null });
  expect(none.explanation).toBe(
    `group ${GROUP} has no enabled channel with a ratio above 0 to route to; enable a channel or give it a ratio`,
  );
});

test("bad input naming a group is refused before any pick, and changes nothing", async () => {
  const mock = routingMock({ nice: 50, kcp: 50 });
  await mock.token();
  const before = await mock.state();
  const answers = [
    await routedOnetime(mock, { amount: "lots" }),
    await routedOnetime(mock, { channelGroupId: "x".repeat(56) }),
    await issueSuperKey(mock, "bad1", { card_number: undefined }),
    await again(mock, "nobody"),
  ];
  // onetime, customer_save and again document no 400: bad input is HTTP 200 with code -1.
  expect(answers.map((a) => [a.status, a.body.code])).toEqual([
    [200, -1],
    [200, -1],
    [200, -1],
    [200, 1],
  ]);
  expect(answers[0]!.explanation).toMatch(/amount/);
  expect(answers[1]!.explanation).toMatch(/channelGroupId must be at most 55 characters/);
  expect(answers[2]!.explanation).toMatch(/card_number/);
  expect(await mock.state()).toEqual(before);
});

test("a keyed payment naming an unknown group is refused", async () => {
  const mock = routingMock({ nice: 100 });
  const answer = await routedOnetime(mock, {
    channelGroupId: "channel-group-test-00000000-0000-4000-8000-000000000000",
  });
  expect(explained(answer)).toMatchObject({
    code: 1,
    message:
      'channel group "channel-group-test-00000000-0000-4000-8000-000000000000" names no smart routing group of merchant imp10000000',
  });
});

test("the same seed and the same requests pick the same channels in two fresh instances", async () => {
  const run = async (seed: number) => {
    const mock = routingMock({ nice: 34, kcp: 33, toss: 33 }, { seed });
    const picked: string[] = [];
    for (let i = 0; i < 40; i++)
      picked.push((await routedOnetime(mock, { merchant_uid: `order${i}` })).body.response.pg_provider);
    return picked;
  };
  const first = await run(777);
  expect(await run(777)).toEqual(first);
  expect(new Set(first).size).toBe(3);
  expect(await run(778)).not.toEqual(first);
});

test("a reset forgets the picks", async () => {
  const mock = routingMock({ nice: 100 });
  await routedOnetime(mock);
  expect((await groupView(mock)).picks).toBe(1);
  await control(mock, "POST", "/reset");
  mock.forgetToken();
  expect((await groupView(mock)).picks).toBe(0);
});
