/**
 * Smart routing tests (test/mock-server/smart-routing/): one merchant with channels of PGs that
 * route every flow and of some that do not, a group `GROUP` over chosen ratios, and the requests
 * that name it: keyed payments, browser checkouts, super billing keys and payments with them.
 */
import type { MockConfigInput } from "../../contracts/mock/config.ts";
import { CARD, createTestMock, orderId, type TestMock } from "./mock.ts";
import { control, onetime } from "./requests.ts";

export const GROUP = "channel-group-test-11111111-1111-4111-8111-111111111111";
export const HOUR = 3600;

export const channel = (channel_key: string, pg_provider: string, extra: Record<string, unknown> = {}) => ({
  channel_key,
  pg_provider,
  pg_id: `${channel_key}-mid`,
  ...extra,
});

/** One merchant with PGs that route every flow (nice, kcp, toss), some that do not (smartro, settle), and a live channel. */
export const routingConfig = (
  groups: unknown[] = [],
  channels: ReturnType<typeof channel>[] = [],
): MockConfigInput => ({
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

/** A group's members from channel_key → ratio. */
export const members = (ratios: Record<string, number>) =>
  Object.entries(ratios).map(([channel_key, ratio]) => ({ channel_key, ratio }));

/** A mock whose merchant has the group `GROUP` over these ratios (plus any other group fields in `extra`). */
export function routingMock(
  ratios: Record<string, number>,
  options: { seed?: number; extra?: Record<string, unknown> } = {},
): TestMock {
  return createTestMock({
    config: routingConfig([{ id: GROUP, name: "routing", channels: members(ratios), ...options.extra }]),
    ...(options.seed !== undefined && { seed: options.seed }),
  });
}

/** The group as the control API shows it (GET /__mock/groups/{id}). */
export const groupView = async (mock: TestMock, id = GROUP) =>
  (await control(mock, "GET", `/groups/${id}`)).body.response;

/** A keyed payment (1000 won) routed through `GROUP` unless `fields` name another channelGroupId. */
export const routedOnetime = (mock: TestMock, fields: Record<string, unknown> = {}) =>
  onetime(mock, { channelGroupId: GROUP, ...fields });

/** A browser checkout (POST /__mock/payments) of 1000 won routed through `GROUP`. */
export const routedCheckout = (mock: TestMock, fields: Record<string, unknown> = {}) =>
  control(mock, "POST", "/payments", {
    merchant_uid: orderId(),
    amount: 1000,
    buyer_tel: "010-1234-5678",
    channel_group_id: GROUP,
    ...fields,
  });

/** POST /subscribe/payments/again: 1000 won named "monthly" with the billing key `customer_uid`. */
export const again = (mock: TestMock, customer_uid: string, fields: Record<string, unknown> = {}) =>
  mock.call("POST", "/subscribe/payments/again", {
    json: { customer_uid, merchant_uid: orderId(), amount: 1000, name: "monthly", ...fields },
  });

/** A super billing key for `customer_uid`, issued through `GROUP` with the test card. */
export const issueSuperKey = (mock: TestMock, customer_uid: string, fields: Record<string, unknown> = {}) =>
  mock.call("POST", `/subscribe/customers/${customer_uid}`, {
    json: { ...CARD, customer_id: "cust1", channel_group_id: GROUP, ...fields },
  });
