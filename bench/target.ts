/**
 * One server under load, in its own process (forked by again.bench.ts), so its CPU time is its own:
 * the parent asks for `process.cpuUsage()` over IPC before and after each round.
 *   target.ts bare <body>                 a bare Hono server answering `body` to any POST (also the webhook receiver)
 *   target.ts bare-posting <body> <url>   the same, and each request also POSTs a webhook-sized body to
 *                                         `url` over a kept-alive node:http agent: what sending a
 *                                         webhook per request costs a server with nothing else to do
 *   target.ts bare-busy <body> <µs>       the same, after <µs> of busy work per request: how a
 *                                         server's CPU per request grows with the work it does
 *   target.ts toy <answer>                a toy again route: Hono, a zod schema, a Map; answers `answer`'s shape
 *   target.ts mock [<webhook url> [fresh]]  the mock with the demo merchant, webhooks to that URL (or none),
 *                                         over kept-alive connections (the default) or fresh ones
 * Prints one JSON line, `{ url, token }`, once it listens.
 */
import { serve } from "@hono/node-server";
import http from "node:http";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import * as z from "zod";
import { createMockServer, demoConfig, DEMO_IMP_KEY, DEMO_IMP_SECRET } from "../mock-server/index.ts";

export type TargetMessage = { type: "cpu" } | { type: "forget" };
export interface CpuReply {
  cpu: NodeJS.CpuUsage;
}

const [kind, argument] = process.argv.slice(2);
let forget = () => {};
let settled = async () => {};
let ready: { url: string; token: string | null };

const listen = (app: Hono) =>
  new Promise<string>((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });

if (kind === "bare") {
  const app = new Hono();
  app.post("*", (c) => c.body(argument ?? "OK", 200, { "Content-Type": "application/json; charset=UTF-8" }));
  ready = { url: await listen(app), token: null };
} else if (kind === "bare-busy") {
  const micros = Number(process.argv[4]);
  const app = new Hono();
  app.post("*", (c) => {
    const until = performance.now() + micros / 1000;
    while (performance.now() < until);
    return c.body(argument ?? "OK", 200, { "Content-Type": "application/json; charset=UTF-8" });
  });
  ready = { url: await listen(app), token: null };
} else if (kind === "bare-posting") {
  const receiver = new URL(process.argv[4]!);
  const agent = new http.Agent({ keepAlive: true });
  const body = JSON.stringify({ imp_uid: "imp_100000000001", merchant_uid: "bench1", status: "paid" });
  const posting = new Set<Promise<void>>();
  const post = () =>
    new Promise<void>((resolve) => {
      const request = http.request(receiver, {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      });
      request.once("response", (response) => response.resume().once("end", resolve));
      request.once("error", () => resolve());
      request.end(body);
    });
  const app = new Hono();
  app.post("*", (c) => {
    // Sent after the answer, as the mock sends its webhooks.
    setImmediate(() => {
      const sent = post().finally(() => posting.delete(sent));
      posting.add(sent);
    });
    return c.body(argument ?? "OK", 200, { "Content-Type": "application/json; charset=UTF-8" });
  });
  settled = async () => {
    while (posting.size > 0) await Promise.allSettled([...posting]);
  };
  ready = { url: await listen(app), token: null };
} else if (kind === "toy") {
  // What a minimal stateful fake does: decode the form, validate with zod, keep the payment, answer it.
  const template = (JSON.parse(argument!) as { response: Record<string, unknown> }).response;
  const Again = z.object({
    customer_uid: z.string().min(1),
    merchant_uid: z.string().min(1).max(40),
    amount: z.coerce.number().positive(),
    name: z.string().optional(),
    buyer_name: z.string().optional(),
    buyer_email: z.string().optional(),
    buyer_tel: z.string().optional(),
  });
  const payments = new Map<string, Record<string, unknown>>();
  let sequence = 0;
  const app = new Hono();
  app.post("/subscribe/payments/again", async (c) => {
    const parsed = Again.safeParse(Object.fromEntries(new URLSearchParams(await c.req.text())));
    if (!parsed.success) return c.json({ code: 1, message: parsed.error.message, response: null });
    const imp_uid = `imp_${100_000_000_000 + ++sequence}`;
    const payment = { ...template, imp_uid, merchant_uid: parsed.data.merchant_uid, amount: parsed.data.amount };
    payments.set(imp_uid, payment);
    return c.json({ code: 0, message: null, response: payment });
  });
  forget = () => payments.clear();
  ready = { url: await listen(app), token: null };
} else {
  const [merchant, ...others] = demoConfig.merchants;
  const webhook = { url: argument ?? null, content_type: "json" as const, retries: false };
  const webhook_connections = process.argv[4] === "fresh" ? ("fresh" as const) : ("keep-alive" as const);
  const mock = createMockServer({
    seed: 1,
    config: { ...demoConfig, merchants: [{ ...merchant!, webhook }, ...others], webhook_connections },
  });
  const { url } = await mock.listen(0, "127.0.0.1");
  const answer = await fetch(`${url}/users/getToken`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ imp_key: DEMO_IMP_KEY, imp_secret: DEMO_IMP_SECRET }),
  });
  const token = ((await answer.json()) as { response: { access_token: string } }).response.access_token;
  // A fresh state each round, so rounds compare like with like.
  forget = () => {
    for (const state of mock.core.store.merchants) {
      state.payments.clear();
      state.paymentsByMerchantUid.clear();
    }
    mock.core.store.impUids.clear();
  };
  settled = () => mock.pingbacks.settled();
  ready = { url, token };
}

process.on("message", async (message: TargetMessage) => {
  if (message.type === "forget") forget();
  // The webhooks a round owed are part of its cost: wait for them before reading the clock.
  await settled();
  process.send!({ cpu: process.cpuUsage() } satisfies CpuReply);
});
process.on("disconnect", () => process.exit(0));
process.stdout.write(`${JSON.stringify(ready)}\n`);
