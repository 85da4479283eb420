/**
 * What the PGs of a group can take through smart routing: warnings per capability, the picked
 * channel's own PG rules, and a PG that is not routed a flow failing with the channel named.
 */
import { expect, test } from "vitest";
import { createTestMock } from "../../support/mock.ts";
import { control } from "../../support/requests.ts";
import { groupView, members, routedOnetime, routingConfig, routingMock } from "../../support/routing.ts";

test("groups whose PGs differ carry a warning per capability; the same warnings show in every view", async () => {
  const mock = createTestMock({ config: routingConfig() });
  const view = (
    await control(mock, "POST", "/groups", {
      name: "mixed",
      channels: [
        { channel_key: "smartro", ratio: 50 },
        { channel_key: "nice", ratio: 50 },
      ],
    })
  ).body.response;
  expect(view.warnings).toEqual([
    "keyed card payments (POST /subscribe/payments/onetime): smartro (smartro_v2) cannot take part, so such requests fail whenever they are picked; use only what every PG in the group supports",
    "billing keys issued through the API (POST /subscribe/customers/{customer_uid}): smartro (smartro_v2) cannot take part, so such requests fail whenever they are picked; use only what every PG in the group supports",
  ]);
  const checkout = (
    await control(mock, "POST", "/groups", { name: "methods", channels: members({ nice: 50, settle: 50 }) })
  ).body.response;
  expect(checkout.warnings).toContain(
    "keyed card payments (POST /subscribe/payments/onetime): settle (settle) cannot take part, so such requests fail whenever they are picked; use only what every PG in the group supports",
  );
  expect((await groupView(mock, view.id)).warnings).toEqual(view.warnings);
  const smartroOnly = (await control(mock, "POST", "/groups", { name: "smartro", channels: members({ smartro: 100 }) }))
    .body.response;
  expect(smartroOnly.warnings).toEqual([
    "keyed card payments (POST /subscribe/payments/onetime): no channel of the group can take part, so every such request through it fails",
    "billing keys issued through the API (POST /subscribe/customers/{customer_uid}): no channel of the group can take part, so every such request through it fails",
  ]);
});

test("a keyed payment through a group follows the chosen channel's PG rules: html5_inicis needs buyer_name where NICE does not", async () => {
  const mock = routingMock({ nice: 50, inicis: 50 });
  const outcomes = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const answer = await routedOnetime(mock, { name: "order" });
    if (answer.body.code === 0) outcomes.add(answer.body.response.pg_provider);
    else {
      expect([answer.status, answer.body.code]).toEqual([200, -1]);
      expect(answer.explanation).toMatch(/buyer_name is required by html5_inicis/);
      outcomes.add("refused");
    }
  }
  expect(outcomes).toEqual(new Set(["nice_v2", "refused"]));
  // Refused requests are not counted: only the payments made are.
  const view = await groupView(mock);
  expect(view.channels.map((c: { picks: number }) => c.picks)).toEqual([(await mock.state()).payments.length, 0]);
});

test("a keyed payment picking a channel whose PG is not routed keyed payments fails with the channel and the capability named", async () => {
  const mock = routingMock({ smartro: 100 });
  const answer = await routedOnetime(mock);
  expect(answer.body).toMatchObject({ code: 1, response: null });
  expect(answer.explanation).toMatch(
    /^channel smartro \(smartro_v2\) cannot take keyed card payments \(POST \/subscribe\/payments\/onetime\) through smart routing; PortOne routes them only to nice_v2, kcp, html5_inicis, tosspayments, daou, ksnet/,
  );
  expect(answer.explanation).toMatch(/picked from group .*; use only what every PG in the group supports\)$/);
  expect((await mock.state()).payments).toEqual([]);
});
