/**
 * The load generator, run in its own process by again.bench.ts so the client does not share the
 * servers' event loops. Prints one JSON line: requests/s, p50 and p99 latency in ms, failures.
 * Usage: load.ts <url> <seconds, or N"req" for N requests> <connections> <again|routed> <authorization or ""> [requests per second]
 *   again:  POST /subscribe/payments/again with the demo Smartro v2 billing key
 *   routed: POST /subscribe/payments/onetime through the demo smart-routing group (channelGroupId)
 */
import autocannon from "autocannon";
import { DEMO_GROUP_ID } from "../mock-server/config/demo-config.ts";

const [url, seconds, connections, kind, authorization, rate] = process.argv.slice(2);
const PATHS = { again: "/subscribe/payments/again", routed: "/subscribe/payments/onetime" } as const;
const path = PATHS[kind as keyof typeof PATHS];
if (!path) throw new Error(`unknown load kind ${kind}`);
let order = 0;
// Every request a new order (letters and digits, as Smartro v2 requires), so each one writes a payment.
const body = (merchantUid: string) =>
  kind === "again"
    ? `customer_uid=demo-smartro-customer&merchant_uid=${merchantUid}&amount=1000&name=plan&buyer_name=Kim&buyer_email=kim%40example.com&buyer_tel=01012345678`
    : `merchant_uid=${merchantUid}&amount=1000&card_number=4242424242424242&expiry=2030-12&channelGroupId=${DEMO_GROUP_ID}`;
const result = await autocannon({
  url: `${url}${path}`,
  connections: Number(connections),
  // A number of requests rather than a time for warming up: V8 optimises a function after so many calls.
  ...(seconds!.endsWith("req") ? { amount: Number(seconds!.slice(0, -3)) } : { duration: Number(seconds) }),
  // A fixed rate for every target, so a fast and a slow server see the same arrivals; none: as fast as it answers.
  ...(rate ? { overallRate: Number(rate) } : {}),
  requests: [
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
      setupRequest: (request) => ({ ...request, body: body(`bench${process.pid}n${++order}`) }),
    },
  ],
});
const failures = result.non2xx + result.errors;
process.stdout.write(
  `${JSON.stringify({ rps: result.requests.average, requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, failures })}\n`,
);
