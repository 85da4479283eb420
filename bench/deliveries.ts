/**
 * Webhook deliveries per second to a loopback receiver (another process), in its own process
 * (forked by again.bench.ts): the mock owes M webhooks at once and delivers them (32 in flight),
 * over kept-alive connections or a fresh one each (`webhook_connections`); the baseline posts the
 * same M bodies with node:http alone, 32 in flight, connecting the same way, to the same receiver.
 * Interleaved rounds; the CPU time is this process's. Prints one JSON line per round.
 * Usage: deliveries.ts <receiver url> <M> <rounds> <keep-alive|fresh>
 */
import http from "node:http";
import { oweWebhook } from "../mock-server/core/webhook-queue.ts";
import { createMockServer, demoConfig } from "../mock-server/index.ts";

const [receiver, count, rounds, connections] = process.argv.slice(2);
const keepAlive = connections !== "fresh";
const M = Number(count ?? 2000);
const IN_FLIGHT = 32;

const [merchant, ...others] = demoConfig.merchants;
const webhook = { url: receiver!, content_type: "json" as const, retries: false };
const mock = createMockServer({
  seed: 1,
  config: {
    ...demoConfig,
    merchants: [{ ...merchant!, webhook }, ...others],
    webhook_log_size: M,
    webhook_connections: keepAlive ? "keep-alive" : "fresh",
  },
});
const state = mock.core.store.merchants[0]!;
const store_code = state.config.store_code;

async function mockRound(): Promise<{ seconds: number; cpuMicros: number }> {
  mock.pingbacks.reset();
  const deps = mock.core.deps();
  for (let i = 0; i < M; i++) {
    const imp_uid = `imp_${100_000_000_000 + i}`;
    oweWebhook(deps, state, {
      imp_uid,
      merchant_uid: `order${i}`,
      status: "paid",
      cancellation_id: null,
      notice_url: null,
      cause: "payment",
    });
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  mock.tick();
  await mock.pingbacks.settled();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const delivered = mock.pingbacks.list({ store_code, state: "delivered", limit: M }).length;
  if (delivered !== M) throw new Error(`${M - delivered} of ${M} webhooks were not delivered`);
  return { seconds, cpuMicros: (used.user + used.system) / M };
}

const agent = new http.Agent({ keepAlive });

function post(target: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(target, {
      method: "POST",
      agent,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "user-agent": "bench",
        ...(keepAlive ? {} : { connection: "close" }),
      },
    });
    request.once("response", (response) => {
      response.resume();
      response.once("end", () =>
        response.statusCode === 200 ? resolve() : reject(new Error(`${response.statusCode}`)),
      );
    });
    request.once("error", reject);
    request.end(body);
  });
}

async function bareRound(): Promise<{ seconds: number; cpuMicros: number }> {
  const target = new URL(receiver!);
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < M) {
      const i = next++;
      await post(
        target,
        JSON.stringify({ imp_uid: `imp_${100_000_000_000 + i}`, merchant_uid: `order${i}`, status: "paid" }),
      );
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuMicros: (used.user + used.system) / M };
}

// A warm-up of each, unmeasured.
await bareRound();
await mockRound();
for (let round = 0; round < Number(rounds ?? 3); round++) {
  const bare = await bareRound();
  const delivered = await mockRound();
  process.stdout.write(`${JSON.stringify({ bare, mock: delivered })}\n`);
}
await mock.close();
agent.destroy();
