/**
 * Browser checkouts through a group (POST /__mock/payments with channel_group_id).
 */
import { expect, test } from "vitest";
import { START } from "../../support/mock.ts";
import { GROUP, groupView, HOUR, routedCheckout, routingMock } from "../../support/routing.ts";

test("a browser checkout through a group picks a channel by the ratios; a pay method the picked PG is not routed fails naming both", async () => {
  const mock = routingMock({ smartro: 50, nice: 50 });
  const providers = new Set<string>();
  for (let i = 0; i < 12; i++)
    providers.add((await routedCheckout(mock, { pay_method: "trans" })).body.response.pg_provider);
  expect(providers).toEqual(new Set(["smartro_v2", "nice_v2"]));
  const settle = routingMock({ settle: 100 });
  const refused = await routedCheckout(settle, { pay_method: "kakaopay" });
  expect(refused.body).toMatchObject({ code: 1, response: null });
  expect(refused.explanation).toMatch(
    /^channel settle \(settle\) cannot take pay_method kakaopay in browser checkout through smart routing; it takes card, trans, vbank, phone/,
  );
});

test("a virtual account checked out through a group needs vbank_due, checked before any channel is picked", async () => {
  const mock = routingMock({ nice: 100 });
  const missing = await routedCheckout(mock, { pay_method: "vbank" });
  expect(missing.status).toBe(400);
  expect(missing.explanation).toMatch(/^vbank_due is required for a virtual account through smart routing/);
  const malformed = await routedCheckout(mock, { pay_method: "vbank", vbank_due: "next week" });
  expect(malformed.status).toBe(400);
  expect(malformed.explanation).toMatch(/vbank_due "next week" is neither unix seconds nor a date/);
  expect((await groupView(mock)).picks).toBe(0);
  const issued = await routedCheckout(mock, { pay_method: "vbank", vbank_due: "2026-01-03" });
  expect(issued.body.response).toMatchObject({
    pg_provider: "nice_v2",
    pay_method: "vbank",
    vbank_date: START + 2 * 24 * HOUR + 15 * HOUR - 1,
  });
});

test("a browser checkout takes the SDK's own spelling channelGroupId, and picks from that group", async () => {
  const mock = routingMock({ nice: 100 });
  const paid = await routedCheckout(mock, { channel_group_id: undefined, channelGroupId: GROUP });
  expect(paid.body.response.pg_provider).toBe("nice_v2");
  expect((await groupView(mock)).picks).toBe(1);
});

test("a browser checkout on Smartro v2 refuses a merchant_uid with special characters, naming the rule, and records nothing", async () => {
  const mock = routingMock({ smartro: 100 });
  const refused = await routedCheckout(mock, { merchant_uid: "order-1" });
  expect(refused.status).toBe(400);
  expect(refused.explanation).toContain("merchant_uid");
  expect(refused.explanation).toContain("letters and digits only");
  expect((await groupView(mock)).picks).toBe(0);
  expect((await mock.state()).payments).toEqual([]);
  expect((await routedCheckout(mock, { merchant_uid: "order1" })).body.response.pg_provider).toBe("smartro_v2");
});
