/**
 * Soak: 2 000 payments whose webhooks go over loopback to a receiver that fails 30 % of attempts
 * at random (seeded; SOAK_SEED=<seed> replays a run). With retries on, every event arrives, the log
 * accounts for every attempt the receiver saw, and nothing rejects unhandled.
 */
import { afterEach, beforeEach, expect, onTestFailed, test } from "vitest";
import { createSeededRandom } from "../../mock-server/core/random.ts";
import { orderId, START } from "../support/mock.ts";
import { control, onetime } from "../support/requests.ts";
import { advance, mockWith, receiver } from "../support/webhooks.ts";

const PAYMENTS = 2000;
const unhandled: unknown[] = [];
const noteUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => void process.on("unhandledRejection", noteUnhandled));
afterEach(() => void process.off("unhandledRejection", noteUnhandled));

test(
  `${PAYMENTS} payments to a receiver failing 30 % of attempts: with retries every event is delivered and every attempt logged`,
  { timeout: 60_000 },
  async () => {
    const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
    onTestFailed(() => console.error(`soak seed ${seed} (replay with SOAK_SEED=${seed})`));
    const random = createSeededRandom(seed);
    const hook = await receiver();
    hook.setPolicy(() => (random.int(1, 100) > 30 ? "ok" : random.int(0, 1) === 0 ? "error500" : "drop"));
    const mock = mockWith({ url: hook.url, retries: true }, { webhook_timeout_scale: 0.1, webhook_log_size: PAYMENTS });

    const paid = new Set<string>();
    for (let i = 0; i < PAYMENTS; i++) {
      const answer = await onetime(mock, { merchant_uid: orderId("soak") }, i % 2 ? "json" : "form");
      paid.add(answer.body.response.imp_uid);
      // In-process requests resolve as microtasks and would starve the sockets; let them run.
      if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await mock.server.pingbacks.settled();
    for (let retry = 1; retry <= 5; retry++) await advance(mock, 60);
    // A few events may fail all six tries (0.3⁶ each): the console's resend is how they get through.
    const exhausted = (await mock.deliveries({ state: "failed" })).length;
    for (let round = 0; round < 20 && (await mock.deliveries({ state: "failed" })).length > 0; round++) {
      await control(mock, "POST", "/webhooks/redeliver-failed", {});
      await mock.server.pingbacks.settled();
    }

    const deliveries = await mock.deliveries();
    expect(deliveries).toHaveLength(PAYMENTS);
    expect(new Set(deliveries.map((d) => d.imp_uid))).toEqual(paid);
    expect(deliveries.filter((d) => d.state !== "delivered")).toEqual([]);
    expect(new Set(hook.received.filter((r) => r.answer === "ok").map((r) => r.body.imp_uid))).toEqual(paid);

    // Every request the receiver saw is an attempt in the log with the matching outcome. The only
    // other attempts are those that never connected (a busy machine can miss the scaled 1 s connect
    // timeout); they are logged as such and were retried like any network error.
    const attempts = deliveries.flatMap((d) => d.attempts);
    const count = (list: readonly unknown[], keep: (item: any) => boolean) => list.filter(keep).length;
    const neverConnected = (a: { error: string | null }) => a.error?.startsWith("connect timeout") === true;
    expect(count(attempts, (a) => a.status === 200)).toBe(count(hook.received, (r) => r.answer === "ok"));
    expect(count(attempts, (a) => a.status === 500)).toBe(count(hook.received, (r) => r.answer === "error500"));
    expect(count(attempts, (a) => a.status === null && !neverConnected(a))).toBe(
      count(hook.received, (r) => r.answer === "drop"),
    );
    expect(attempts.length - count(attempts, neverConnected)).toBe(hook.received.length);
    for (const delivery of deliveries) {
      const automatic = delivery.attempts.filter((a: { kind: string }) => a.kind !== "redelivery");
      // The first try when the payment was made, then one a minute: attempt n at START + 60(n − 1).
      expect(automatic.map((a: { at: number }) => a.at)).toEqual(
        automatic.map((_: unknown, n: number) => START + 60 * n),
      );
      expect(automatic.length).toBeLessThanOrEqual(6);
    }
    expect(count(deliveries, (d) => d.attempts.some((a: { kind: string }) => a.kind === "redelivery"))).toBe(exhausted);
    expect(unhandled).toEqual([]);
  },
);
