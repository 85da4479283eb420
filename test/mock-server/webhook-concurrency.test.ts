/**
 * Many deliveries at once: every slot for attempts in flight filled and cut, then a burst
 * delivered, without Node warning about listeners piling up (each attempt listens for a reset).
 */
import { afterEach, beforeEach, expect, test } from "vitest";
import { startWebhookReceiver } from "../../mock-server/testing/webhook-receiver.ts";
import { keyedPayment } from "../support/requests.ts";
import { mockWith, receiver, settledDeliveries } from "../support/webhooks.ts";

const warnings: Error[] = [];
const noteWarning = (warning: Error) => warnings.push(warning);
beforeEach(() => void process.on("warning", noteWarning));
afterEach(() => void process.off("warning", noteWarning));

/** Warnings are emitted on a later tick; one turn of the event loop lets them arrive. */
const warningsSoFar = async () => {
  await new Promise((resolve) => setImmediate(resolve));
  return warnings.map((warning) => `${warning.name}: ${warning.message}`);
};

test("32 attempts in flight, then 200 deliveries at once: all arrive, and no MaxListenersExceededWarning", async () => {
  // Closed by the test itself: closing it cuts the attempts it holds.
  const hanging = await startWebhookReceiver();
  const hook = await receiver();
  // The documented timeouts, unscaled: on a loaded machine a scaled 1 s connect timeout can fail
  // an attempt, and this test wants every one of the 200 delivered at the first try.
  const mock = mockWith({ url: `${hanging.url}/hook` }, { webhook_timeout_scale: 1 });

  // Every attempt hangs, so the in-flight slots (32) fill up and the rest wait their turn; closing
  // the receiver cuts them.
  hanging.setPolicy(() => "hang");
  await Promise.all(Array.from({ length: 40 }, () => keyedPayment(mock)));
  await hanging.waitFor((request) => request.sequence === 32);
  await hanging.close();
  await mock.server.pingbacks.settled();

  const paid = await Promise.all(
    Array.from({ length: 200 }, () => keyedPayment(mock, { notice_url: `${hook.url}/hook` })),
  );
  await mock.server.pingbacks.settled();
  expect(hook.received).toHaveLength(200);
  expect(new Set(hook.received.map((request) => request.body.imp_uid))).toEqual(new Set(paid.map((p) => p.imp_uid)));
  const deliveries = await settledDeliveries(mock, { limit: 1000 });
  expect(deliveries.filter((d) => d.state === "delivered")).toHaveLength(200);
  expect(await warningsSoFar()).toEqual([]);
});
