/**
 * Closing the proxy: idle keep-alive connections do not hold it open, a request in flight is
 * waited for (bounded), and one cut at the bound is never reported. Loopback sockets only.
 */
import { Agent, request as httpRequest } from "node:http";
import { afterEach, expect, test } from "vitest";
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

test("idle keep-alive connections do not hold close() open", async () => {
  const { proxy, exchanges } = await proxyTo(answerNow);
  const agent = new Agent({ keepAlive: true });
  cleanups.push(() => agent.destroy());
  const status = await new Promise<number>((resolve, reject) => {
    httpRequest(`${proxy.url}/users/pg`, { agent }, (incoming) => {
      incoming.resume();
      incoming.on("end", () => resolve(incoming.statusCode!));
    })
      .on("error", reject)
      .end();
  });
  expect(status).toBe(200);
  const started = performance.now();
  await proxy.close();
  // Well within the 5 s a request in flight would get, and the keep-alive timeout.
  expect(performance.now() - started).toBeLessThan(1_000);
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
  const answer = fetch(`${proxy.url}/users/pg`).then(
    (response) => response.status,
    (error: unknown) => error,
  );
  const request = await upstreamRequest;
  const started = performance.now();
  await proxy.close();
  const took = performance.now() - started;
  expect(took).toBeGreaterThanOrEqual(140);
  expect(took).toBeLessThan(2_000);
  expect(request.signal.aborted).toBe(true);
  expect(await answer).toBeInstanceOf(Error);
  release();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(exchanges).toEqual([]);
});
