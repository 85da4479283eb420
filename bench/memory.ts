/**
 * Memory retained per stored payment, in its own process (run with --expose-gc by again.bench.ts):
 * the heap and RSS after N billing-key payments through the mock's app, minus before, each after
 * full collections. The journal and the webhook delivery log are bounded, so what grows is the
 * payments themselves. The baseline, measured the same way in the same process: a Map holding each
 * payment's answer as parsed JSON, what a toy server would keep. Prints one JSON line.
 * Usage: node --expose-gc --import tsx memory.ts <N>
 */
import { createMockServer, DEMO_IMP_KEY, DEMO_IMP_SECRET } from "../mock-server/index.ts";

const N = Number(process.argv[2] ?? 100_000);
const gc = globalThis.gc;
if (!gc) throw new Error("run with --expose-gc");

function settle(): { heap: number; rss: number } {
  for (let i = 0; i < 4; i++) gc!();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed, rss };
}

const mock = createMockServer({ seed: 1 });
const post = async (path: string, headers: Record<string, string>, body: string) =>
  (await mock.app.request(path, { method: "POST", headers, body })).json() as Promise<{
    code: number;
    message: string | null;
    response: Record<string, unknown>;
  }>;
const token = (
  await post(
    "/users/getToken",
    { "content-type": "application/json" },
    JSON.stringify({ imp_key: DEMO_IMP_KEY, imp_secret: DEMO_IMP_SECRET }),
  )
).response.access_token as string;
const headers = { "content-type": "application/x-www-form-urlencoded", authorization: token };
const pay = (i: number) =>
  post(
    "/subscribe/payments/again",
    headers,
    `customer_uid=demo-smartro-customer&merchant_uid=mem${i}&amount=1000&name=plan&buyer_name=Kim&buyer_email=kim%40example.com&buyer_tel=01012345678`,
  );
// Warm up past the journal's and the delivery log's bounds, so they are full before and after.
let sample: Awaited<ReturnType<typeof pay>> | undefined;
for (let i = 0; i < 3000; i++) sample = await pay(N + i);
if (sample?.code !== 0) throw new Error(`the again call was refused: ${sample?.message}`);
const before = settle();
for (let i = 0; i < N; i++) {
  const answer = await pay(i);
  if (answer.code !== 0) throw new Error(`payment ${i} was refused: ${answer.message}`);
}
const after = settle();
const payments = mock.core.store.merchants[0]!.payments.size;

// The baseline: each answer as parsed JSON in a Map, distinct identifiers as the mock's have.
const text = JSON.stringify(sample!.response);
const answers = new Map<string, unknown>();
const baseBefore = settle();
for (let i = 0; i < N; i++) {
  const imp_uid = `imp_${String(100_000_000_000 + i)}`;
  answers.set(imp_uid, { ...JSON.parse(text), imp_uid, merchant_uid: `mem${i}` });
}
const baseAfter = settle();

process.stdout.write(
  `${JSON.stringify({
    n: N,
    payments,
    heapPerPayment: (after.heap - before.heap) / N,
    rssPerPayment: (after.rss - before.rss) / N,
    baselineHeap: (baseAfter.heap - baseBefore.heap) / N,
    baselineRss: (baseAfter.rss - baseBefore.rss) / N,
    kept: answers.size,
  })}\n`,
);
await mock.close();
