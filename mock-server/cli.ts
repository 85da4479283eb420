/**
 * `npx iamport-mock` / `npm start`: serves the mock on 127.0.0.1 and prints how to use it.
 * The only place that opens a socket on its own.
 */
import { parseArgs } from "node:util";
import { ConfigError, loadConfigFile } from "./config/load-config.ts";
import { groupView } from "./routing/groups.ts";
import { createMockServer } from "./server.ts";

const USAGE = `Usage: iamport-mock [--port 4010] [--host 127.0.0.1] [--config file.json] [--seed N] [--clock wall|frozen]

  --port    port to listen on (default 4010; 0 picks a free one)
  --host    address to bind (default 127.0.0.1)
  --config  merchants and channels as JSON (default: the demo merchant)
  --seed    seed for identifiers and random choices (default: random, printed)
  --clock   wall: the virtual clock follows real time (default); frozen: it moves only when told`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number (got ${JSON.stringify(text)})`);
  return Number(text);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string", default: "127.0.0.1" },
        config: { type: "string" },
        seed: { type: "string" },
        clock: { type: "string", default: "wall" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.clock !== "wall" && values.clock !== "frozen") fail(`--clock must be wall or frozen (got ${JSON.stringify(values.clock)})`);
  const port = integer("port", values.port, 4010);
  let config;
  try {
    config = values.config === undefined ? undefined : loadConfigFile(values.config);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  let mock;
  try {
    mock = createMockServer({ config, seed: values.seed === undefined ? undefined : integer("seed", values.seed, 0), clock: { mode: values.clock } });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  let address;
  try {
    address = await mock.listen(port, values.host);
  } catch (error) {
    fail(`cannot listen on ${values.host}:${port}: ${(error as Error).message}`);
  }
  process.stdout.write(banner(mock, address.url));
  const stop = () => void mock.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function banner(mock: ReturnType<typeof createMockServer>, url: string): string {
  const lines = [`iamport mock listening on ${url}  (seed ${mock.seed}, clock ${mock.clock.mode})`, ""];
  for (const merchant of mock.config.merchants) {
    lines.push(`merchant ${merchant.store_code} (${merchant.name})`, `  imp_key    ${merchant.imp_key}`, `  imp_secret ${merchant.imp_secret}`, "  channels:");
    const defaultKey = merchant.default_channel ?? merchant.channels[0]!.channel_key;
    for (const channel of merchant.channels) {
      lines.push(`    ${channel.channel_key.padEnd(34)} ${channel.pg_provider.padEnd(14)} ${channel.pg_id}${channel.channel_key === defaultKey ? "  (default)" : ""}`);
    }
    const { webhook } = merchant;
    lines.push(webhook.url ? `  webhooks   ${webhook.url} (${webhook.content_type}, retries ${webhook.retries ? "on" : "off"})` : "  webhooks   no URL: only a request's notice_url gets them (all are logged in /__mock/webhooks)");
    for (const key of merchant.billing_keys) lines.push(`  billing key ${key.customer_uid} on ${key.channel_key}`);
    for (const group of mock.core.store.merchantByStoreCode(merchant.store_code)!.groups.values()) {
      const view = groupView(group);
      lines.push(`  channel group ${view.id} (${view.name}): ${view.channels.map((c) => `${c.channel_key} ${c.ratio}%`).join(", ")}`);
      for (const warning of view.warnings) lines.push(`    warning: ${warning}`);
    }
    lines.push("");
  }
  const first = mock.config.merchants[0]!;
  lines.push(
    "try:",
    `  curl -s ${url}/users/getToken -H 'Content-Type: application/json' -d '{"imp_key":"${first.imp_key}","imp_secret":"${first.imp_secret}"}'`,
    `control API: ${url}/__mock/state, /__mock/journal, /__mock/clock, /__mock/webhooks, /__mock/pg-notices (see docs/mock-server.md)`,
    "",
  );
  return lines.join("\n");
}

await main();
