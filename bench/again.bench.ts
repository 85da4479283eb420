/**
 * `npm run bench`: the mock's speed as ratios against baselines measured in the same run, because
 * these machines are noisy and shared; only the ratios mean anything.
 *
 * 1. Server CPU per request under load (10 connections, a warm-up of WARM_UP requests each, then
 *    interleaved rounds): a bare Hono route; the same answering a real answer's bytes; the same
 *    after 50 µs of busy work; the same posting a webhook per request (what that costs a server
 *    with nothing else to do); a toy again route (Hono, zod, a Map), for scale; POST /subscribe/payments/again
 *    with no webhook URL, and with a webhook owed to a receiver on loopback over kept-alive
 *    connections (the default) and fresh ones; a routed keyed payment (channelGroupId). Every
 *    server runs in its own process (bench/target.ts) and reports its own `process.cpuUsage()`;
 *    the load generator (bench/load.ts) and the webhook receiver are other processes.
 * 2. Webhook deliveries per second to a loopback receiver, against node:http posting the same
 *    bodies the same way, over kept-alive connections and fresh ones (bench/deliveries.ts).
 * 3. Start-up of the compiled CLI (or, without a build, two stand-ins) to its first answered
 *    request, against a bare Hono server compiled and started the same way (bench/start-up.ts).
 * 4. Memory retained per stored payment after N payments (bench/memory.ts).
 *
 * Progress goes to stderr, the results to stdout. `BENCH_SECONDS` sets each load round's length
 * (default 3), `BENCH_ROUNDS` the rounds (default 3), `BENCH_PAYMENTS` N (default 100 000), and
 * `BENCH_ONLY` which parts run (a comma-separated list of cpu, deliveries, start-up, memory; all by default).
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import { prepareStartUp, timeStartUp, type StartUpTime } from "./start-up.ts";
import type { CpuReply, TargetMessage } from "./target.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 100_000);
const CONNECTIONS = 10;
const WARM_UP = 5000;
const DELIVERIES = 2000;
/** The busy bare route's work per request: what 2.5 times the bare route's CPU would leave a mock. */
const BUSY_MICROS = 50;
const START_UPS = 8;
const file = (name: string) => new URL(name, import.meta.url).pathname;

const began = performance.now();
const progress = (line: string) =>
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

interface Target {
  child: ChildProcess;
  url: string;
  token: string | null;
}

/** Forks bench/target.ts and waits for the line saying where it listens. */
async function startTarget(args: string[]): Promise<Target> {
  progress(
    `starting ${args[0] === "mock" ? `the mock${args[1] ? ` with a webhook URL (${args[2] ?? "keep-alive"})` : ""}` : `a ${args[0]} server`} …`,
  );
  const child = fork(file("./target.ts"), args, {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      output += chunk;
      if (output.includes("\n")) resolve(output.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`target ${args.join(" ")} exited with ${code}`)));
  });
  const { url, token } = JSON.parse(line) as { url: string; token: string | null };
  return { child, url, token };
}

/** The target's CPU time so far; `forget` first drops its payments (a fresh state for the round). */
function cpuOf(target: Target, type: TargetMessage["type"]): Promise<number> {
  return new Promise((resolve) => {
    target.child.once("message", (reply: CpuReply) => resolve(reply.cpu.user + reply.cpu.system));
    target.child.send({ type } satisfies TargetMessage);
  });
}

interface LoadResult {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  failures: number;
}

function runLoad(
  url: string,
  kind: "again" | "routed",
  token: string | null,
  seconds = String(SECONDS),
): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", file("./load.ts"), url, seconds, String(CONNECTIONS), kind, token ?? ""],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      const result = JSON.parse(output) as LoadResult;
      if (result.failures > 0) return reject(new Error(`${url}: ${result.failures} failed requests`));
      resolve(result);
    });
  });
}

/** Sends one request of the kind the load sends and requires the iamport envelope's code 0. */
async function checkAnswers(target: Target, kind: "again" | "routed"): Promise<string> {
  const body =
    kind === "again"
      ? "customer_uid=demo-smartro-customer&merchant_uid=check1&amount=1000&name=plan&buyer_name=Kim&buyer_email=kim%40example.com&buyer_tel=01012345678"
      : "merchant_uid=check2&amount=1000&card_number=4242424242424242&expiry=2030-12&channelGroupId=channel-group-test-5f0c3a6e-8d2b-4c1e-9a7f-2b6d4e8c1a90";
  const path = kind === "again" ? "/subscribe/payments/again" : "/subscribe/payments/onetime";
  const answer = await fetch(`${target.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: target.token! },
    body,
  });
  const text = await answer.text();
  const { code, message } = JSON.parse(text) as { code: number; message: string | null };
  if (code !== 0) throw new Error(`${path} was refused: ${message}`);
  return text;
}

interface Row {
  name: string;
  target: Target;
  kind: "again" | "routed";
  rounds: { cpuMicros: number; rps: number; p50: number; p99: number }[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const spread = (values: number[], digits = 2) =>
  `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

async function cpuRows(): Promise<void> {
  progress("server CPU per request: the servers, each in its own process, and a webhook receiver …");
  const receiver = await startTarget(["bare", "OK"]);
  const mock = await startTarget(["mock"]);
  const mockWithWebhook = await startTarget(["mock", `${receiver.url}/webhook`]);
  const mockWithFreshWebhook = await startTarget(["mock", `${receiver.url}/webhook`, "fresh"]);
  const sample = await checkAnswers(mock, "again");
  await checkAnswers(mockWithWebhook, "again");
  await checkAnswers(mockWithFreshWebhook, "again");
  await checkAnswers(mock, "routed");
  const bareBody = JSON.stringify({ code: 0, message: null, response: { status: "paid" } });
  const bare = await startTarget(["bare", bareBody]);
  const bareSameSize = await startTarget(["bare", sample]);
  const barePosting = await startTarget(["bare-posting", bareBody, `${receiver.url}/webhook`]);
  const bareBusy = await startTarget(["bare-busy", bareBody, String(BUSY_MICROS)]);
  const toy = await startTarget(["toy", sample]);
  const rows: Row[] = [
    { name: "bare Hono route (baseline)", target: bare, kind: "again", rounds: [] },
    {
      name: `bare route, a real answer's ${Buffer.byteLength(sample)} bytes`,
      target: bareSameSize,
      kind: "again",
      rounds: [],
    },
    { name: `bare route, ${BUSY_MICROS} µs of busy work`, target: bareBusy, kind: "again", rounds: [] },
    {
      name: "bare route posting a webhook per request",
      target: barePosting,
      kind: "again",
      rounds: [],
    },
    { name: "toy again route (Hono, zod, a Map)", target: toy, kind: "again", rounds: [] },
    { name: "again, no webhook URL", target: mock, kind: "again", rounds: [] },
    { name: "again, webhook to a loopback receiver", target: mockWithWebhook, kind: "again", rounds: [] },
    {
      name: "again, webhook, fresh connections",
      target: mockWithFreshWebhook,
      kind: "again",
      rounds: [],
    },
    { name: "routed keyed payment (channelGroupId)", target: mock, kind: "routed", rounds: [] },
  ];
  // An unmeasured round each first, long enough (in requests) for V8 to optimise the hot paths:
  // a mock's first thousands of requests cost several times what later ones do.
  for (const row of rows) {
    progress(`warm-up: ${row.name} (${WARM_UP} requests) …`);
    await runLoad(row.target.url, row.kind, row.target.token, `${WARM_UP}req`);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const row of rows) {
      progress(`round ${round}/${ROUNDS}: ${row.name} (${SECONDS} s) …`);
      const before = await cpuOf(row.target, "forget");
      const result = await runLoad(row.target.url, row.kind, row.target.token);
      // Waits for the webhooks the round owed (target.ts), so their CPU counts in this round.
      const after = await cpuOf(row.target, "cpu");
      row.rounds.push({
        cpuMicros: (after - before) / result.requests,
        rps: result.rps,
        p50: result.p50,
        p99: result.p99,
      });
    }
  }
  for (const target of [
    receiver,
    mock,
    mockWithWebhook,
    mockWithFreshWebhook,
    bare,
    bareSameSize,
    bareBusy,
    barePosting,
    toy,
  ])
    target.child.disconnect();

  const base = rows[0]!.rounds;
  console.log(
    `\nServer CPU per request: ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s; ratio = CPU/request ÷ the bare route's in the same round (median, min–max)`,
  );
  console.log(
    `${"target".padEnd(42)} ${"CPU/req".padStart(9)} ${"ratio".padStart(6)} ${"spread".padStart(10)} ${"req/s".padStart(7)} ${"p50".padStart(6)} ${"p99".padStart(6)}`,
  );
  for (const row of rows) {
    const ratios = row.rounds.map((r, i) => r.cpuMicros / base[i]!.cpuMicros);
    console.log(
      `${row.name.padEnd(42)} ${`${median(row.rounds.map((r) => r.cpuMicros)).toFixed(0)} µs`.padStart(9)} ${median(ratios).toFixed(2).padStart(6)} ${spread(ratios).padStart(10)} ${median(
        row.rounds.map((r) => r.rps),
      )
        .toFixed(0)
        .padStart(
          7,
        )} ${`${median(row.rounds.map((r) => r.p50)).toFixed(1)}`.padStart(6)} ${`${median(row.rounds.map((r) => r.p99)).toFixed(1)}`.padStart(6)}`,
    );
  }
}

async function deliveryRow(): Promise<void> {
  for (const connections of ["keep-alive", "fresh"] as const) {
    progress(
      `webhook deliveries (${connections}): ${DELIVERIES} owed at once, ${ROUNDS} rounds against node:http alone …`,
    );
    const receiver = await startTarget(["bare", "OK"]);
    const child = fork(
      file("./deliveries.ts"),
      [`${receiver.url}/webhook`, String(DELIVERIES), String(ROUNDS), connections],
      { execArgv: ["--import", "tsx"], stdio: ["ignore", "pipe", "inherit", "ipc"] },
    );
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, "exit")) as [number];
    receiver.child.disconnect();
    if (code !== 0) throw new Error(`deliveries.ts exited with ${code}`);
    type Phase = { seconds: number; cpuMicros: number };
    const rounds = output
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { bare: Phase; mock: Phase });
    const rate = (p: Phase) => DELIVERIES / p.seconds;
    const rateRatios = rounds.map((r) => rate(r.mock) / rate(r.bare));
    const cpuRatios = rounds.map((r) => r.mock.cpuMicros / r.bare.cpuMicros);
    const how = connections === "keep-alive" ? "kept-alive connections (the default)" : "a fresh connection each";
    console.log(`\nWebhook deliveries to a loopback receiver (${DELIVERIES} owed at once, 32 in flight, ${how})`);
    console.log(
      `node:http alone (baseline)   ${median(rounds.map((r) => rate(r.bare))).toFixed(0)}/s, ${median(rounds.map((r) => r.bare.cpuMicros)).toFixed(0)} µs CPU each`,
    );
    console.log(
      `the mock's deliveries        ${median(rounds.map((r) => rate(r.mock))).toFixed(0)}/s (ratio ${median(rateRatios).toFixed(2)}, ${spread(rateRatios)}), ${median(rounds.map((r) => r.mock.cpuMicros)).toFixed(0)} µs CPU each (ratio ${median(cpuRatios).toFixed(2)}, ${spread(cpuRatios)})`,
    );
  }
}

async function startUpRow(): Promise<void> {
  progress("start-up: compiling the CLI and the bare server …");
  const plan = await prepareStartUp(progress);
  const lines = [`\nStart-up to the first answered request (${START_UPS} interleaved pairs each, median)`];
  if (plan.skipped) lines.push(`compiled CLI: ${plan.skipped}`);
  for (const pair of plan.pairs) {
    const bare: StartUpTime[] = [];
    const cli: StartUpTime[] = [];
    for (let i = 1; i <= START_UPS; i++) {
      progress(`start-up ${i}/${START_UPS}: ${pair.label} …`);
      bare.push(await timeStartUp(pair.bare));
      cli.push(await timeStartUp(pair.cli));
    }
    const ratios = cli.map((t, i) => t.ms / bare[i]!.ms);
    let line = `${pair.label}: ${median(cli.map((t) => t.ms)).toFixed(0)} ms against the bare Hono server's ${median(bare.map((t) => t.ms)).toFixed(0)} ms, ratio ${median(ratios).toFixed(2)} (${spread(ratios)})`;
    const cpuRatios = cli.map((t, i) => t.cpuMs / bare[i]!.cpuMs);
    line += `; CPU ${median(cli.map((t) => t.cpuMs)).toFixed(0)} ms against ${median(bare.map((t) => t.cpuMs)).toFixed(0)} ms, ratio ${median(cpuRatios).toFixed(2)} (${spread(cpuRatios)})`;
    lines.push(line);
  }
  console.log(lines.join("\n"));
}

async function memoryRow(): Promise<void> {
  progress(`memory: ${PAYMENTS} payments through the app, in its own process …`);
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", file("./memory.ts"), String(PAYMENTS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number];
  if (code !== 0) throw new Error(`memory.ts exited with ${code}`);
  const m = JSON.parse(output) as { heapPerPayment: number; rssPerPayment: number; baselineHeap: number };
  console.log(
    `\nMemory retained per stored payment (${PAYMENTS} payments, after full collections; the journal and the delivery log at their bounds)`,
  );
  console.log(`a Map of the answers as JSON (baseline)   heap ${(m.baselineHeap / 1024).toFixed(2)} KB`);
  console.log(
    `the mock                                  heap ${(m.heapPerPayment / 1024).toFixed(2)} KB (ratio ${(m.heapPerPayment / m.baselineHeap).toFixed(2)}; goal ≤ 1.5 KB), RSS ${(m.rssPerPayment / 1024).toFixed(2)} KB`,
  );
}

console.log(
  `npm run bench: node ${process.version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} at the start`,
);
const parts = { cpu: cpuRows, deliveries: deliveryRow, "start-up": startUpRow, memory: memoryRow };
const only = process.env.BENCH_ONLY?.split(",").map((part) => part.trim());
const unknown = only?.filter((part) => !(part in parts)) ?? [];
if (unknown.length)
  throw new Error(`BENCH_ONLY names ${unknown.join(", ")}; the parts are ${Object.keys(parts).join(", ")}`);
for (const [name, part] of Object.entries(parts)) if (!only || only.includes(name)) await part();
progress(
  `done; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} at the end`,
);
