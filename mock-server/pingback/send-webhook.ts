/**
 * One webhook attempt over HTTP: a POST with the encoded body, on a kept-alive connection or a
 * fresh one (`webhook_connections`), under the documented timeouts. It never throws: every failure
 * becomes an outcome the delivery log keeps. node:http rather than fetch or undici because the first
 * attempt has separate connect and read timeouts, and neither can tell when a pooled request's
 * connect phase ends (docs/decisions/015-kept-alive-webhooks.md).
 */
import http from "node:http";
import https from "node:https";
import { urlToHttpOptions } from "node:url";
import type { MockConfig } from "../../contracts/mock/config.ts";

export type Timeouts = { connectMs: number; readMs: number } | { totalMs: number };

export interface AttemptOutcome {
  status: number | null;
  error: string | null;
  /** A network error or a 5xx: worth another try (docs/domain.md §5). A 4xx or a bad URL is not. */
  retryable: boolean;
  latencyMs: number;
  responseExcerpt: string | null;
}

export const EXCERPT_LENGTH = 200;

/** Where a delivery's attempts go: its URL read once, or why no attempt can be made. */
export type WebhookTarget =
  { ok: true; request: http.RequestOptions; transport: typeof http | typeof https } | { ok: false; error: string };

/** Reads a delivery's URL once, so that its attempts (and an unusable URL's failures) cost no parsing. */
export function webhookTarget(url: string): WebhookTarget {
  const target = URL.parse(url);
  if (target === null) return { ok: false, error: `not a URL: ${JSON.stringify(url)}` };
  if (target.protocol !== "http:" && target.protocol !== "https:")
    return { ok: false, error: `not an http(s) URL: ${JSON.stringify(url)}` };
  // The URL as request options, worked out once rather than by node:http at every attempt.
  return { ok: true, request: urlToHttpOptions(target), transport: target.protocol === "https:" ? https : http };
}

/** What an attempt at an unusable URL comes to: a failure without a try, not worth a retry. */
export const unusableTarget = (error: string): AttemptOutcome => ({
  status: null,
  error,
  retryable: false,
  latencyMs: 0,
  responseExcerpt: null,
});

/** Kept-alive connections between attempts (the default), or a connection of its own per attempt. */
type ConnectionMode = MockConfig["webhook_connections"];

/**
 * How long a kept-alive connection may stay idle before the mock closes it: one second, shorter
 * than the idle limits receivers commonly set (Node and Apache 5 s, gunicorn 2 s), so that an
 * attempt does not go out on a connection the receiver is closing at that moment. A
 * `webhook_timeout_scale` under 1 shortens it with the other timeouts; one over 1 does not lengthen
 * it past those limits. (Node also honours a receiver's `Keep-Alive: timeout=` hint, and keeps no
 * connection when it says 1 s or less.)
 */
export const keepAliveIdleMs = (timeoutScale: number) => Math.max(1, Math.round(1000 * Math.min(1, timeoutScale)));

/** The agents attempts go through, one per transport and mock. */
export interface WebhookAgents {
  http: http.Agent;
  https: https.Agent;
  mode: ConnectionMode;
}

export function createWebhookAgents(mode: ConnectionMode, idleMs: number): WebhookAgents {
  // An agent's `timeout` is how long a free socket may idle before the agent destroys it (Node
  // also lowers it to a receiver's Keep-Alive hint minus a second); each request sets its own
  // socket timeout to none, so the agent's never cuts an attempt short: the attempt's timers do.
  const options = mode === "keep-alive" ? { keepAlive: true, timeout: idleMs } : { keepAlive: false };
  return { http: new http.Agent(options), https: new https.Agent(options), mode };
}

export function sendWebhook(
  target: Extract<WebhookTarget, { ok: true }>,
  agents: WebhookAgents,
  body: string,
  mediaType: string,
  timeouts: Timeouts,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  const started = performance.now();
  const finish = (outcome: Omit<AttemptOutcome, "latencyMs" | "retryable">): AttemptOutcome => ({
    ...outcome,
    retryable: outcome.status === null || outcome.status >= 500,
    latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
  });
  const headers = {
    "content-type": mediaType,
    "content-length": Buffer.byteLength(body),
    "user-agent": "iamport-mock-webhook",
  };
  return new Promise((resolve) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const done = (outcome: Omit<AttemptOutcome, "latencyMs" | "retryable">) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      signal.removeEventListener("abort", onAbort);
      resolve(finish(outcome));
    };
    const request = target.transport.request({
      ...target.request,
      method: "POST",
      agent: target.transport === https ? agents.https : agents.http,
      timeout: 0,
      // Said outright, though Node's agent without keep-alive says it too: the setting promises it.
      headers: agents.mode === "fresh" ? { ...headers, connection: "close" } : headers,
    });
    const giveUp = (message: string) => {
      done({ status: null, error: message, responseExcerpt: null });
      request.destroy();
    };
    const after = (ms: number, message: string) => timers.push(setTimeout(() => giveUp(message), ms));
    const onAbort = () => giveUp("stopped: the mock was reset or closed");
    signal.addEventListener("abort", onAbort);
    if ("totalMs" in timeouts) after(timeouts.totalMs, `timed out after ${timeouts.totalMs} ms in all`);
    else {
      after(timeouts.connectMs, `connect timeout after ${timeouts.connectMs} ms`);
      request.once("socket", (socket) => {
        const connected = () => {
          clearTimeout(timers.shift());
          after(timeouts.readMs, `read timeout after ${timeouts.readMs} ms`);
        };
        if (socket.connecting) socket.once("connect", connected);
        else connected();
      });
    }
    request.once("response", (response) => {
      let excerpt = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (excerpt.length < EXCERPT_LENGTH) excerpt += chunk;
      });
      response.once("end", () =>
        done({ status: response.statusCode ?? null, error: null, responseExcerpt: excerpt.slice(0, EXCERPT_LENGTH) }),
      );
      response.once("error", (error) => done({ status: null, error: describe(error), responseExcerpt: null }));
    });
    request.once("error", (error) => done({ status: null, error: describe(error), responseExcerpt: null }));
    request.end(body);
  });
}

const describe = (error: Error & { code?: string }) => (error.code ? `${error.code}: ${error.message}` : error.message);
