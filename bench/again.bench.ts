/**
 * Throughput of POST /subscribe/payments/again over a real socket (token check, form decoding,
 * validation, Smartro v2 rules, state, response check), against a bare Hono route that answers a
 * fixed body, measured in the same run and interleaved, because these machines are noisy. Only
 * the ratio means anything. The load generator runs in its own process (bench/load.ts), so it does
 * not share the server's event loop. `BENCH_SECONDS` sets each round's length (default 3).
 */
import { serve } from "@hono/node-server";
import { spawn } from "node:child_process";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { createMockServer } from "../mock-server/index.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = 2;
const CONNECTIONS = 10;
const LOADER = new URL("./load.ts", import.meta.url).pathname;

interface Result {
  rps: number;
  p50: number;
  p99: number;
  /** CPU time of this process (the servers, all threads) per request served; the load generator is another process. */
  cpuMicros: number;
}

/** A Hono route that answers `body` whatever it is sent: the floor set by Node, Hono and the socket. */
function bareServer(body: string): Promise<{ url: string; close: () => void }> {
  const app = new Hono();
  app.post("/subscribe/payments/again", (c) =>
    c.body(body, 200, { "Content-Type": "application/json; charset=UTF-8" }),
  );
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
}

/** Runs the load generator in a child process (bounded by SECONDS) and reads its one-line result. */
function load(url: string, headers: Record<string, string>): Promise<Result> {
  const cpuBefore = process.cpuUsage();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", LOADER, url, String(SECONDS), String(CONNECTIONS), headers.authorization ?? ""],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      const cpu = process.cpuUsage(cpuBefore);
      const result = JSON.parse(output) as Omit<Result, "cpuMicros"> & { failures: number };
      if (result.failures > 0) return reject(new Error(`${url}: ${result.failures} failed requests`));
      resolve({ ...result, cpuMicros: (cpu.user + cpu.system) / (result.rps * SECONDS) });
    });
  });
}

const average = (results: Result[], field: keyof Result) => results.reduce((s, r) => s + r[field], 0) / results.length;
const mean = (results: Result[]): Result => ({
  rps: average(results, "rps"),
  p50: average(results, "p50"),
  p99: average(results, "p99"),
  cpuMicros: average(results, "cpuMicros"),
});

async function main() {
  const bare = await bareServer(JSON.stringify({ code: 0, message: null, response: { status: "paid" } }));
  // The same bytes a real answer has, to tell transport cost from the mock's own work.
  const sample = createMockServer({ seed: 1 });
  const sampleToken = (await (
    await sample.fetch("http://mock/users/getToken", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" }),
    })
  ).json()) as { response: { access_token: string } };
  const sampleAnswer = await (
    await sample.fetch("http://mock/subscribe/payments/again", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: sampleToken.response.access_token,
      },
      body: "customer_uid=demo-smartro-customer&merchant_uid=sample1&amount=1000&name=plan&buyer_name=Kim&buyer_email=kim%40example.com&buyer_tel=01012345678",
    })
  ).text();
  const bareSameSize = await bareServer(sampleAnswer);
  const variants = [
    { name: "full path (response checks on, the default)", mock: createMockServer({ seed: 1, checkResponses: true }) },
    { name: "full path (response checks off)", mock: createMockServer({ seed: 1, checkResponses: false }) },
  ];
  const targets = [];
  for (const { name, mock } of variants) {
    const { url } = await mock.listen(0, "127.0.0.1");
    const token = (await (
      await fetch(`${url}/users/getToken`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" }),
      })
    ).json()) as { response: { access_token: string } };
    targets.push({ name, mock, url, headers: { authorization: token.response.access_token } });
  }

  const baseline: Result[] = [];
  const sameSize: Result[] = [];
  const measured = new Map<string, Result[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(await load(bare.url, {}));
    sameSize.push(await load(bareSameSize.url, {}));
    for (const target of targets) {
      // A fresh state each round, so rounds compare like with like.
      target.mock.core.store.merchants[0]!.payments.clear();
      target.mock.core.store.merchants[0]!.paymentsByMerchantUid.clear();
      measured.get(target.name)!.push(await load(target.url, target.headers));
    }
  }

  const base = mean(baseline);
  const row = (name: string, r: Result) =>
    `${name.padEnd(46)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50.toFixed(1).padStart(5)} ms   p99 ${r.p99.toFixed(1).padStart(5)} ms   server CPU ${r.cpuMicros.toFixed(0).padStart(4)} µs/req   ratio ${(r.rps / base.rps).toFixed(2)}`;
  console.log(
    `POST /subscribe/payments/again, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s, node ${process.version}`,
  );
  console.log(row("bare Hono route (baseline)", base));
  console.log(row(`bare route, a real answer's ${Buffer.byteLength(sampleAnswer)} bytes`, mean(sameSize)));
  for (const [name, results] of measured) console.log(row(name, mean(results)));

  bare.close();
  bareSameSize.close();
  await Promise.all(targets.map((t) => t.mock.close()));
}

await main();
