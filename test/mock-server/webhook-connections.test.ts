/**
 * How webhook attempts use connections (docs/decisions/015-kept-alive-webhooks.md): kept alive
 * between attempts by default, closed by the mock once idle for a (scaled) second and when it
 * closes; a connection of its own per attempt with `webhook_connections: "fresh"`. A receiver that
 * cuts a kept-alive connection still fails that attempt, as it would a fresh one, and one that
 * hangs on it times out as a read, not a connect.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { expect, test } from "vitest";
import {
  createWebhookAgents,
  keepAliveIdleMs,
  sendWebhook,
  webhookTarget,
  type WebhookTarget,
} from "../../mock-server/pingback/send-webhook.ts";
import { keyedPayment } from "../support/requests.ts";
import { cleanups, mockWith, receiver, settledDeliveries } from "../support/webhooks.ts";

/**
 * The unscaled second of idleness, so that a slow moment between two payments on a loaded machine
 * cannot close the connection the next attempt is expected to reuse.
 */
const UNSCALED = { webhook_timeout_scale: 1 };

/** A receiver, and three payments one after another, each webhook delivered before the next payment. */
async function threePaymentsTo(settings: Parameters<typeof mockWith>[1] = {}) {
  const hook = await receiver();
  const mock = mockWith({ url: `${hook.url}/iamport` }, { ...UNSCALED, ...settings });
  for (let i = 0; i < 3; i++) {
    await keyedPayment(mock);
    await mock.server.pingbacks.settled();
  }
  return { hook, mock };
}

test("by default three payments' webhooks arrive on one kept-alive connection", async () => {
  const { hook, mock } = await threePaymentsTo();
  expect(hook.received.map((r) => [r.connectionNumber, r.headers.connection])).toEqual([
    [1, "keep-alive"],
    [1, "keep-alive"],
    [1, "keep-alive"],
  ]);
  expect((await settledDeliveries(mock)).map((d) => d.state)).toEqual(["delivered", "delivered", "delivered"]);
});

test('with webhook_connections: "fresh" each attempt opens its own connection and asks to close it', async () => {
  const { hook } = await threePaymentsTo({ webhook_connections: "fresh" });
  expect(hook.received.map((r) => [r.connectionNumber, r.headers.connection])).toEqual([
    [1, "close"],
    [2, "close"],
    [3, "close"],
  ]);
});

test("a receiver that cuts a kept-alive connection fails that attempt as a network error; the next opens a new one", async () => {
  const hook = await receiver();
  const mock = mockWith({ url: `${hook.url}/iamport` }, UNSCALED);
  await keyedPayment(mock);
  await mock.server.pingbacks.settled();
  hook.failNext(1, "drop");
  await keyedPayment(mock);
  await mock.server.pingbacks.settled();
  await keyedPayment(mock);
  const deliveries = await settledDeliveries(mock);
  expect(deliveries.map((d) => [d.state, d.attempts.length])).toEqual([
    ["delivered", 1],
    ["failed", 1],
    ["delivered", 1],
  ]);
  expect(deliveries[1]!.attempts[0]!.error).toMatch(/ECONNRESET|socket hang up/);
  expect(hook.received.map((r) => [r.connectionNumber, r.answer])).toEqual([
    [1, "ok"],
    [1, "drop"],
    [2, "ok"],
  ]);
});

test("the idle limit is a second, shortened by a webhook_timeout_scale under 1 and never lengthened past it", () => {
  expect([0.01, 0.1, 1, 2, 10].map(keepAliveIdleMs)).toEqual([10, 100, 1000, 1000, 1000]);
  const agents = createWebhookAgents("keep-alive", keepAliveIdleMs(0.1));
  cleanups.push(async () => agents.http.destroy());
  // Node keeps an agent's options on it, though its types do not say so.
  const idleOf = (agent: object) => (agent as { options: { timeout?: number } }).options.timeout;
  expect([idleOf(agents.http), idleOf(agents.https)]).toEqual([100, 100]);
});

test("an attempt that hangs on a reused connection ends in a read timeout: there is no connect phase to time", async () => {
  const hook = await receiver();
  const agents = createWebhookAgents("keep-alive", 60_000);
  cleanups.push(async () => agents.http.destroy());
  const target = webhookTarget(`${hook.url}/iamport`) as Extract<WebhookTarget, { ok: true }>;
  const timeouts = { connectMs: 50, readMs: 300 };
  const attempt = () => sendWebhook(target, agents, "{}", "application/json", timeouts, new AbortController().signal);
  expect((await attempt()).status).toBe(200);
  hook.failNext(1, "hang");
  const hung = await attempt();
  expect(hung.error).toBe("read timeout after 300 ms");
  expect(hook.received.map((r) => [r.connectionNumber, r.answer])).toEqual([
    [1, "ok"],
    [1, "hang"],
  ]);
});

/** A receiver that never closes an idle connection itself (a minute's keep-alive), and tells when one closes. */
async function patientReceiver(): Promise<{ url: string; closed: Promise<void> }> {
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  });
  server.keepAliveTimeout = 60_000;
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => resolveClosed());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, closed };
}

// Bounded at 5 s: the receiver would keep the connection for a minute, so only the mock can close it in time.
test(
  "the mock closes a kept-alive connection once it has been idle for a second, times webhook_timeout_scale",
  { timeout: 5000 },
  async () => {
    const patient = await patientReceiver();
    // 0.1: idle for 100 ms.
    const mock = mockWith({ url: `${patient.url}/iamport` }, { webhook_timeout_scale: 0.1 });
    await keyedPayment(mock);
    expect((await settledDeliveries(mock)).map((d) => d.state)).toEqual(["delivered"]);
    await patient.closed;
  },
);

// Bounded at 5 s: a connection may idle for 10 s here, so only the close can end it in time.
test("closing the mock closes its kept-alive connections at once", { timeout: 5000 }, async () => {
  const patient = await patientReceiver();
  const mock = mockWith({ url: `${patient.url}/iamport` }, { webhook_timeout_scale: 10 });
  await keyedPayment(mock);
  expect((await settledDeliveries(mock)).map((d) => d.state)).toEqual(["delivered"]);
  await mock.server.close();
  await patient.closed;
});
