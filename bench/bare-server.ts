/**
 * The start-up baseline: a bare Hono server, compiled and started the same way as the CLI (plain
 * `node` on one bundle, as scripts/build.ts bundles the CLI; bench/start-up.ts). Prints the line the CLI prints
 * once it listens, `… listening on <url>`, and answers any POST.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";

const app = new Hono();
app.post("*", (c) => c.json({ code: 0, message: null, response: null }));
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
  process.stdout.write(`bare Hono server listening on http://127.0.0.1:${info.port}\n`),
);
