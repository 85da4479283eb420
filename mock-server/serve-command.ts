/**
 * `iamport-mock serve`: the mock on a socket, the banner that says how to use it, and a line per
 * request. cli.ts loads this module only when it serves, so `--help` and `--version` never load
 * the server.
 */
import type { MockConfig } from "../contracts/mock/config.ts";
import type { CliIo } from "./cli-io.ts";
import type { ServeFlags } from "./cli-options.ts";
import { ConfigError, loadConfigFile } from "./config/load-config.ts";
import type { JournalRecord } from "./core/journal.ts";
import { groupView } from "./core/routing/groups.ts";
import { createMockServer, type MockServer } from "./server.ts";

type Fail = (message: string) => never;

/** Starts the mock; `onListening` hears of it before the banner is written. */
export async function serve(
  flags: ServeFlags,
  io: CliIo,
  onListening: ((serving: { mock: MockServer; url: string }) => void) | undefined,
  fail: Fail,
): Promise<void> {
  const mock = configErrorsFail(fail, () =>
    createMockServer({
      config: flags.config === undefined ? undefined : loadConfigFile(flags.config),
      seed: flags.seed,
      clock: { mode: flags.clock },
      control: flags.control,
      ...(flags.messages === undefined ? {} : { messages: flags.messages }),
      onRequest: flags.quiet ? undefined : (entry) => io.stdout(requestLine(entry)),
    }),
  );
  let address;
  try {
    address = await mock.listen(flags.port, flags.host);
  } catch (error) {
    fail(`cannot listen on ${flags.host}:${flags.port}: ${(error as Error).message}`);
  }
  // Before the banner: whoever waits for it (a spawned test, a script) may signal at once, and the
  // process entry's SIGTERM handler must be in place by then.
  onListening?.({ mock, url: address.url });
  io.stdout(banner(mock, address.url, flags));
}

/** One line per request the journal records: `POST /users/getToken getToken 200 code=0 1.2ms`. */
export function requestLine(entry: Omit<JournalRecord, "id">): string {
  const { method, path, operation, status, code, latency_ms } = entry;
  return `${method} ${path} ${operation ?? "-"} ${status} code=${code ?? "-"} ${latency_ms.toFixed(1)}ms\n`;
}

/** A config's problems (a field, or a ratio change not ahead of the clock) are usage errors naming the field. */
function configErrorsFail<T>(fail: Fail, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

const CONTROL_CALLS = "__mock/state, /__mock/journal, /__mock/clock, /__mock/webhooks, /__mock/pg-notices";
const CONTROL_OFF = "control API: off (--no-control): /__mock/... answers 404 as on the real service";

function banner(mock: MockServer, url: string, { control, quiet }: ServeFlags): string {
  const lines = [`iamport mock listening on ${url}  (seed ${mock.seed}, clock ${mock.clock.mode})`, ""];
  for (const merchant of mock.config.merchants) lines.push(...merchantLines(mock, merchant, control), "");
  const first = mock.config.merchants[0]!;
  lines.push(
    "try:",
    `  curl -s ${url}/users/getToken -H 'Content-Type: application/json' -d '{"imp_key":"${first.imp_key}","imp_secret":"${first.imp_secret}"}'`,
    control ? `control API: ${url}/${CONTROL_CALLS} (see docs/mock-server.md)` : CONTROL_OFF,
  );
  if (control)
    lines.push(
      `dashboard: ${url}/__mock/ui`,
      `API reference: ${url}/__mock/docs (the document: ${url}/__mock/openapi.json)`,
    );
  lines.push(`browser SDK: <script src="${url}/v1/iamport.js"></script> in place of PortOne's`);
  lines.push(
    `refusals' message: ${mock.config.messages} (--messages; the explanation is always in X-Iamport-Mock-Explanation)`,
  );
  lines.push(quiet ? "" : "requests (method path operation status code time; --quiet turns this off):", "");
  return lines.join("\n");
}

function merchantLines(mock: MockServer, merchant: MockConfig["merchants"][number], control: boolean): string[] {
  const lines = [`merchant ${merchant.store_code} (${merchant.name})`, `  imp_key    ${merchant.imp_key}`];
  lines.push(`  imp_secret ${merchant.imp_secret}`, "  channels:");
  const defaultKey = merchant.default_channel ?? merchant.channels[0]!.channel_key;
  for (const channel of merchant.channels) {
    const isDefault = channel.channel_key === defaultKey ? "  (default)" : "";
    lines.push(`    ${channel.channel_key.padEnd(34)} ${channel.pg_provider.padEnd(14)} ${channel.pg_id}${isDefault}`);
  }
  const { webhook } = merchant;
  // The delivery log is a control call; without the control API there is nowhere to point.
  const logged = control ? " (all are logged in /__mock/webhooks)" : "";
  lines.push(
    webhook.url
      ? `  webhooks   ${webhook.url} (${webhook.content_type}, retries ${webhook.retries ? "on" : "off"})`
      : `  webhooks   no URL: only a request's notice_url gets them${logged}`,
  );
  for (const key of merchant.billing_keys) lines.push(`  billing key ${key.customer_uid} on ${key.channel_key}`);
  for (const group of mock.core.store.merchantByStoreCode(merchant.store_code)!.groups.values()) {
    const view = groupView(group);
    lines.push(
      `  channel group ${view.id} (${view.name}): ${view.channels.map((c) => `${c.channel_key} ${c.ratio}%`).join(", ")}`,
    );
    for (const warning of view.warnings) lines.push(`    warning: ${warning}`);
  }
  return lines;
}
