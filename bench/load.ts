/**
 * The load generator, run in its own process by again.bench.ts so the client does not share the
 * server's event loop. Prints one JSON line: requests/s, p50 and p99 latency in ms.
 * Usage: load.ts <url> <seconds> <connections> [authorization]
 */
import autocannon from "autocannon";

const [url, seconds, connections, authorization] = process.argv.slice(2);
let order = 0;
const result = await autocannon({
  url: `${url}/subscribe/payments/again`,
  connections: Number(connections),
  duration: Number(seconds),
  requests: [
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
      // Every request a new order (letters and digits, as Smartro v2 requires), so each one writes a payment.
      setupRequest: (request) => ({
        ...request,
        body: `customer_uid=demo-smartro-customer&merchant_uid=bench${process.pid}n${++order}&amount=1000&name=plan&buyer_name=Kim&buyer_email=kim%40example.com&buyer_tel=01012345678`,
      }),
    },
  ],
});
const failures = result.non2xx + result.errors;
process.stdout.write(
  `${JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures })}\n`,
);
