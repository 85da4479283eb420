/**
 * Closing the proxy: idle keep-alive connections do not hold it open, a request in flight is
 * waited for (bounded), and one cut at the bound is never reported. Loopback sockets only; the
 * grace runs on vitest's fake setTimeout, so nothing here waits on the wall clock.
 */
import { Agent, request as httpRequest } from "node:http";
import { afterEach, expect, test, vi } from "vitest";
import type { RecordedExchange } from "./exchange.ts";
import { startProxy, type Proxy, type ProxyOptions } from "./proxy.ts";

const ENVELOPE = '{"code":0,"message":null,"response":[]}';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxyTo(
  fetch: ProxyOptions["fetch"],
  options: Partial<ProxyOptions> = {},
): Promise<{ proxy: Proxy; exchanges: RecordedExchange[] }> {
  const exchanges: RecordedExchange[] = [];
  const proxy = await startProxy({
    upstream: "http://upstream.test",
    fetch,
    ...options,
    onExchange: (exchange) => exchanges.push(exchange),
  });
  cleanups.push(() => proxy.close());
  return { proxy, exchanges };
}

const answerNow = async () => new Response(ENVELOPE, { headers: { "content-type": "application/json" } });

/** The status of a GET through the proxy, or the error that ended it. */
function get(url: string, agent?: Agent): Promise<number | Error> {
  return new Promise((resolve) => {
    httpRequest(url, agent ? { agent } : {}, (incoming) => {
      incoming.resume();
      incoming.on("end", () => resolve(incoming.statusCode!));
    })
      .on("error", resolve)
      .end();
  });
}

/** Lets every callback and promise the event loop already holds run (no wall-clock wait). */
const drainEventLoop = async (turns = 3) => {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
};

// Bounded at 5 s, under the minute's grace: only closing without waiting for idle connections ends in time.
test("idle keep-alive connections do not hold close() open", { timeout: 5000 }, async () => {
  const { proxy, exchanges } = await proxyTo(answerNow, { closeGraceMs: 60_000 });
  const agent = new Agent({ keepAlive: true });
  cleanups.push(() => agent.destroy());
  expect(await get(`${proxy.url}/users/pg`, agent)).toBe(200);
  await proxy.close();
  expect(exchanges).toHaveLength(1);
});

test("a request still in flight when the grace runs out is cut, its upstream request aborted, and it is never reported", async () => {
  let arrived!: (request: Request) => void;
  const upstreamRequest = new Promise<Request>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  // An upstream that does not stop when asked to: its late answer must still not be reported.
  const upstream = async (request: Request) => {
    arrived(request);
    await released;
    return answerNow();
  };
  const { proxy, exchanges } = await proxyTo(upstream, { closeGraceMs: 150 });
  const answer = get(`${proxy.url}/users/pg`);
  const request = await upstreamRequest;
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    let closed = false;
    const closing = proxy.close().then(() => (closed = true));
    await drainEventLoop();
    // Waiting for the request in flight, for as long as the grace lasts.
    expect(closed).toBe(false);
    expect(request.signal.aborted).toBe(false);
    vi.advanceTimersByTime(149);
    await drainEventLoop();
    expect(closed).toBe(false);
    vi.advanceTimersByTime(1);
    await closing;
  } finally {
    // Fire the grace if an assertion above failed before it did, so close() and the clean-up end.
    vi.runOnlyPendingTimers();
    vi.useRealTimers();
  }
  expect(request.signal.aborted).toBe(true);
  expect(await answer).toBeInstanceOf(Error);
  // The upstream answers late: the proxy has dropped the request and reports nothing.
  release();
  await drainEventLoop();
  expect(exchanges).toEqual([]);
});
