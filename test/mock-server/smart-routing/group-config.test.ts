/**
 * Smart routing groups in the config: refusals naming the path, ratio changes checked at start-up,
 * ids that do not depend on the seed, what a reset brings back, and the demo merchant's group.
 */
import { expect, test } from "vitest";
import { ConfigError, createMockServer, DEMO_GROUP_ID, parseConfig } from "../../../mock-server/index.ts";
import { createTestMock, START } from "../../support/mock.ts";
import { control } from "../../support/requests.ts";
import { GROUP, groupView, members, routedOnetime, routingConfig } from "../../support/routing.ts";

const refused = (groups: unknown[]) => () => parseConfig(routingConfig(groups));

test.each([
  [
    "ratios off 100",
    [{ name: "g", channels: members({ nice: 99 }) }],
    /merchants\[0\]\.channel_groups\[0\]\.channels: the ratios add up to 99/,
  ],
  [
    "an unknown channel",
    [{ name: "g", channels: members({ ghost: 100 }) }],
    /merchants\[0\]\.channel_groups\[0\]\.channels\[0\]\.channel_key: ghost names no channel of this merchant/,
  ],
  [
    "two environments",
    [{ name: "g", channels: members({ nice: 50, "nice-live": 50 }) }],
    /channel_groups\[0\]\.channels: a group holds channels of one environment only/,
  ],
  [
    "a duplicate id",
    [
      { id: GROUP, name: "a", channels: members({ nice: 100 }) },
      { id: GROUP, name: "b", channels: members({ kcp: 100 }) },
    ],
    /channel_groups\[1\]\.id: duplicates channel_groups\[0\]\.id/,
  ],
])("a config whose groups have %s is refused, naming the path", (_, groups, message) => {
  expect(refused(groups)).toThrow(ConfigError);
  expect(refused(groups)).toThrow(message);
});

test("a group's ratio change in the config at or before the clock's start is refused when the mock starts", () => {
  const config = routingConfig([
    { name: "g", channels: members({ nice: 50, kcp: 50 }), ratio_change: { at: START, ratios: { nice: 100, kcp: 0 } } },
  ]);
  expect(() => createMockServer({ config, clock: { start: START } })).toThrow(
    /channel_groups\[0\]\.ratio_change\.at: \d+ is not after the clock's start/,
  );
});

test("a config group without an id gets the same id from the same config whatever the seed; a reset brings config groups back and drops the rest", async () => {
  const config = routingConfig([{ name: "g", channels: members({ nice: 100 }) }]);
  const ids = await Promise.all(
    [1, 2].map(async (seed) => (await createTestMock({ seed, config }).state()).channel_groups[0].id),
  );
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
  const paid = await routedOnetime(mock, { channelGroupId: DEMO_GROUP_ID });
  expect(paid.body.code).toBe(0);
  expect(["nice_v2", "kcp", "tosspayments"]).toContain(paid.body.response.pg_provider);
  expect((await groupView(mock, DEMO_GROUP_ID)).warnings).toEqual([]);
});
