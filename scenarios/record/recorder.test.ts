/**
 * The recorder over loopback sockets: a session against a wall-clock mock replays green on a fresh
 * frozen in-process mock with another seed; the proxy forwards requests and answers unchanged, and
 * answers 502 in the envelope when the upstream is gone.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { createControlClient, createIamportClient, unwrap, type Payment } from "../../client/index.ts";
import { createMockServer } from "../../mock-server/server.ts";
import { parseScenario } from "../engine/load.ts";
import { runScenarios } from "../engine/run.ts";
import { schemaRefFor } from "../engine/scenario-file.ts";
import { createTarget } from "../engine/targets.ts";
import { startRecorder, type Recorder, type RecorderOptions } from "./recorder.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh folder, removed after the test. */
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "iamport-record-"));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

async function recorderInFrontOf(upstream: string, options: Partial<RecorderOptions> = {}): Promise<Recording> {
  const lines: string[] = [];
  const recorder = await startRecorder({ upstream, ...options, log: (line) => lines.push(line) });
  cleanups.push(() => recorder.close());
  return { recorder, lines };
}

interface Recording {
  recorder: Recorder;
  /** What the recorder logged, a line per exchange. */
  lines: string[];
}

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with exactly these headers (fetch refuses hop-by-hop ones such as keep-alive). */
function send(url: string, method: string, headers: Record<string, string>, body: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (incoming) => {
      let text = "";
      incoming.on("data", (chunk: Buffer) => (text += chunk.toString()));
      incoming.on("end", () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body: text }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

test("a recorded session against a wall-clock mock replays green on a fresh in-process mock with another seed", async () => {
  const mock = createMockServer({ seed: 11, clock: { mode: "wall" } });
  const { url } = await mock.listen(0);
  cleanups.push(() => mock.close());
  const out = join(tempFolder(), "session.yaml");
  const { recorder, lines } = await recorderInFrontOf(url, { out, name: "a recorded session" });
  const client = createIamportClient({ baseUrl: recorder.url, impKey: "demo_imp_key", impSecret: "demo_imp_secret" });
  const control = createControlClient({ baseUrl: recorder.url });

  const card = { card_number: "4242424242424242", expiry: "2030-12" };
  const first = await client.call("onetime", { body: { merchant_uid: "recorded1", amount: 1000, ...card } });
  const second = await client.call("onetime", {
    body: { merchant_uid: "recorded2", amount: 2000, ...card },
    encoding: "form",
  });
  if (!first.ok || !second.ok) throw new Error("the payments should pass");
  const imp_uid = (first.response as Payment).imp_uid;
  expect((await client.call("cancelPayment", { body: { imp_uid, amount: 400 } })).ok).toBe(true);
  expect((await client.call("getPaymentByImpUid", { params: { imp_uid } })).ok).toBe(true);
  const both = [imp_uid, (second.response as Payment).imp_uid];
  expect((await client.call("getPaymentListByImpUid", { query: { "imp_uid[]": both } })).ok).toBe(true);
  expect((await client.call("getPaymentByImpUid", { params: { imp_uid: "imp_000000000000" } })).status).toBe(404);
  expect((await control.call("advanceClock", { body: { seconds: 3600 } })).ok).toBe(true);
  await recorder.close();

  expect(lines).toEqual([
    "→ POST /users/getToken  200 code 0  (getToken: not written)",
    "→ POST /subscribe/payments/onetime  200 code 0  (onetime)",
    "→ POST /subscribe/payments/onetime  200 code 0  (onetime)",
    "→ POST /payments/cancel  200 code 0  (cancelPayment)",
    `→ GET /payments/${imp_uid}  200 code 0  (getPaymentByImpUid)`,
    "→ GET /payments  200 code 0  (getPaymentListByImpUid)",
    "→ GET /payments/imp_000000000000  404 code -1  (getPaymentByImpUid)",
    "→ POST /__mock/clock/advance  200 code 0  (control advanceClock)",
  ]);
  const text = readFileSync(out, "utf8");
  expect(text).toBe(recorder.yaml(undefined, { schemaRef: schemaRefFor(out) }));
  expect(text).toContain("encoding: form");
  expect(text).toContain('{ imp_uid: "{{imp_uid_1}}", amount: 400 }');
  expect(text).not.toContain(imp_uid);
  expect(text).not.toContain("demo_imp_secret");
  // The token the client was given (asked of the upstream directly, not through the recorder).
  const { tokens } = unwrap(await createControlClient({ baseUrl: url }).call("getState"));
  expect(tokens).toHaveLength(1);
  expect(text).not.toContain(tokens[0]!.access_token);
  expect(text).not.toContain(await client.token());
  const loaded = parseScenario(text, "recorded.yaml");
  if ("problems" in loaded) throw new Error(loaded.problems.join("\n"));
  const summary = await runScenarios([loaded], createTarget({ kind: "inprocess", seed: 99 }), { seed: 99 });
  expect(summary.results[0]).toMatchObject({ name: "a recorded session", outcome: "passed" });
  expect(summary.results[0]!.steps).toHaveLength(7);
});

test("the proxy forwards method, path, query, body and headers (not hop-by-hop ones, nor host), and the answer as it came", async () => {
  const seen: Request[] = [];
  const envelope = '{"code":0,"message":null,"response":[]}';
  const upstream = async (request: Request) => {
    seen.push(request);
    const headers = { "content-type": "application/json", "x-upstream": "yes", connection: "close" };
    return new Response(envelope, { status: 207, headers });
  };
  const { recorder } = await recorderInFrontOf("http://upstream.test/base/", { fetch: upstream });
  const answer = await send(
    `${recorder.url}/payments?imp_uid%5B%5D=a&x=1`,
    "POST",
    {
      "content-type": "text/plain",
      authorization: "tok",
      "x-client": "1",
      // Hop-by-hop: for this connection only, `x-hop` because Connection names it.
      connection: "keep-alive, x-hop",
      "keep-alive": "timeout=5",
      "x-hop": "1",
    },
    "raw body",
  );
  expect(answer.status).toBe(207);
  expect(answer.headers["x-upstream"]).toBe("yes");
  expect(answer.headers.connection).not.toBe("close");
  expect(answer.body).toBe(envelope);
  const [request] = seen;
  expect(request!.method).toBe("POST");
  expect(request!.url).toBe("http://upstream.test/base/payments?imp_uid%5B%5D=a&x=1");
  expect(await request!.text()).toBe("raw body");
  expect(Object.fromEntries(request!.headers)).toEqual({
    "content-type": "text/plain",
    authorization: "tok",
    "x-client": "1",
  });
  const recorded = {
    method: "POST",
    path: "/payments",
    search: "?imp_uid%5B%5D=a&x=1",
    requestBody: "raw body",
    status: 207,
  };
  expect(recorder.exchanges).toMatchObject([recorded]);
});

test("an upstream that cannot be reached is answered 502 in the envelope, and nothing is recorded", async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const { recorder, lines } = await recorderInFrontOf(`http://127.0.0.1:${port}`);
  const answer = await fetch(`${recorder.url}/users/pg`);
  expect(answer.status).toBe(502);
  const body = (await answer.json()) as { code: number; message: string; response: unknown };
  expect(body).toMatchObject({ code: -1, response: null });
  expect(body.message).toContain(`upstream http://127.0.0.1:${port}`);
  expect(recorder.exchanges).toEqual([]);
  expect(lines).toEqual([]);
});

/** An upstream that answers each request only when the test says so, and tells when one arrives. */
function heldUpstream() {
  const arrivals: Request[] = [];
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetch = async (request: Request) => {
    arrivals.push(request);
    arrived();
    await released;
    return new Response('{"code":0,"message":null,"response":[]}', { headers: { "content-type": "application/json" } });
  };
  return { fetch, arrivals, firstArrived, release };
}

test("closing waits for a request in flight: it is answered, and its step is in the file", async () => {
  const upstream = heldUpstream();
  const out = join(tempFolder(), "late.yaml");
  const { recorder, lines } = await recorderInFrontOf("http://upstream.test", { fetch: upstream.fetch, out });
  const answer = fetch(`${recorder.url}/users/pg`);
  await upstream.firstArrived;
  let closed = false;
  const closing = recorder.close().then(() => void (closed = true));
  // No new connection meanwhile; that refusal's round trip is also the time close() had to finish, had it not waited.
  await expect(fetch(`${recorder.url}/users/pg`)).rejects.toThrow();
  expect(closed).toBe(false);
  expect(existsSync(out)).toBe(false);
  upstream.release();
  const answered = await answer;
  expect(answered.status).toBe(200);
  expect(await answered.json()).toEqual({ code: 0, message: null, response: [] });
  await closing;
  expect(lines).toEqual(["→ GET /users/pg  200 code 0  (getPgSettingList)"]);
  expect(parseScenario(readFileSync(out, "utf8"), out)).toMatchObject({
    scenario: { steps: [{ call: "getPgSettingList" }] },
  });
});
