/**
 * The recording proxy's HTTP side: a server on 127.0.0.1 (by default) that forwards every request
 * unchanged to the upstream and its answer unchanged back, and reports each exchange. An upstream
 * that cannot be reached is answered with 502 in iamport's envelope, and not reported.
 * Closing lets the requests in flight finish (for a while), so every exchange is reported before
 * `close()` resolves.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchLike } from "../../client/index.ts";
import type { RecordedExchange } from "./exchange.ts";

export interface ProxyOptions {
  upstream: string;
  port?: number | undefined;
  host?: string | undefined;
  /** How requests reach the upstream: global fetch by default (an in-process mock's `fetch` in tests). */
  fetch?: FetchLike | undefined;
  /** Give up on the upstream after this long, answering 502 (default 60 s). */
  timeoutMs?: number | undefined;
  /** On close, how long requests in flight may take to finish before their connections are cut (default 5 s). */
  closeGraceMs?: number | undefined;
  onExchange(exchange: RecordedExchange): void;
}

export interface Proxy {
  url: string;
  /**
   * Stops accepting connections, closes idle ones, waits for the requests in flight (at most
   * `closeGraceMs`, then cuts them: those are not reported), and resolves once no exchange can be
   * reported any more.
   */
  close(): Promise<void>;
}

/**
 * Headers that describe one connection, not the message (RFC 9110, 7.6.1), and `host`, which names
 * this proxy. Also `content-length` (recomputed for the buffered body) and `accept-encoding`: the
 * upstream is asked for plain bodies, so what is recorded is the text that was sent.
 */
const REQUEST_HEADERS_NOT_FORWARDED = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  "accept-encoding",
]);
/** fetch has already decoded a compressed body, so its encoding and length no longer describe it. */
const RESPONSE_HEADERS_NOT_FORWARDED = new Set([...REQUEST_HEADERS_NOT_FORWARDED, "content-encoding"]);

export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const upstream = options.upstream.replace(/\/+$/, "");
  const send = options.fetch ?? ((request: Request) => fetch(request));
  // Aborted when close() gives up on the requests in flight: their upstream requests stop, and nothing more is reported.
  const cut = new AbortController();
  const context: ForwardContext = {
    upstream,
    send,
    timeoutMs: options.timeoutMs ?? 60_000,
    cut: cut.signal,
    onExchange: options.onExchange,
  };
  /** Each request until its exchange is reported (or dropped) and its answer sent (or its connection gone). */
  const inFlight = new Set<Promise<unknown>>();
  const server = createServer((incoming, outgoing) => {
    const answered = new Promise<void>((resolve) => outgoing.once("close", resolve));
    // Only a broken client connection gets to the catch; there is no one left to answer.
    const forwarded = forward(incoming, outgoing, context).catch(
      (error: unknown) => void outgoing.destroy(error as Error),
    );
    const request = Promise.all([forwarded, answered]).finally(() => inFlight.delete(request));
    inFlight.add(request);
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve(server.address() as AddressInfo));
  });
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const graceMs = options.closeGraceMs ?? 5_000;
  const close = async () => {
    const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    // Keep-alive connections would hold close() open until they time out; busy ones are waited for.
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([drained(inFlight), gaveUp]);
    clearTimeout(timer);
    cut.abort();
    // All answered by now, unless the grace ran out: what is left (those requests, connections that went
    // idle meanwhile, a request only half sent) is cut.
    server.closeAllConnections();
    await closed;
  };
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${address.port}`,
    // Once: the command closes before writing the file, and a test's clean-up may close again.
    close: () => (closing ??= close()),
  };
}

/** Until the set is empty; requests may still arrive on busy keep-alive connections while it drains. */
async function drained(inFlight: Set<Promise<unknown>>): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

interface ForwardContext {
  upstream: string;
  send: FetchLike;
  timeoutMs: number;
  /** Aborted once the proxy has given up on its requests in flight. */
  cut: AbortSignal;
  onExchange(exchange: RecordedExchange): void;
}

async function forward(incoming: IncomingMessage, outgoing: ServerResponse, context: ForwardContext): Promise<void> {
  const at = new Date();
  const started = performance.now();
  const body = await readAll(incoming);
  const target = incoming.url ?? "/";
  const queryStart = target.indexOf("?");
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  const search = queryStart < 0 ? "" : target.slice(queryStart);
  const method = (incoming.method ?? "GET").toUpperCase();
  const requestHeaders = headersOf(incoming);

  let answer: { status: number; headers: Headers; body: Buffer };
  try {
    answer = await ask(context, method, `${context.upstream}${target}`, requestHeaders, body);
  } catch (error) {
    return context.cut.aborted ? undefined : unreachable(outgoing, context.upstream, error);
  }
  // Cut on close: the client has no answer, and the file may already be written.
  if (context.cut.aborted) return;
  outgoing.writeHead(answer.status, forwardable(answer.headers, RESPONSE_HEADERS_NOT_FORWARDED));
  outgoing.end(answer.body);
  context.onExchange({
    at: at.toISOString(),
    method,
    path,
    search,
    requestHeaders,
    requestBody: body.toString("utf8"),
    status: answer.status,
    responseHeaders: Object.fromEntries(answer.headers),
    responseBody: answer.body.toString("utf8"),
    durationMs: performance.now() - started,
  });
}

async function ask(
  context: ForwardContext,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: Buffer,
) {
  const hasBody = body.length > 0 && method !== "GET" && method !== "HEAD";
  const request = new Request(url, {
    method,
    headers: forwardable(new Headers(headers), REQUEST_HEADERS_NOT_FORWARDED),
    redirect: "manual",
    signal: AbortSignal.any([AbortSignal.timeout(context.timeoutMs), context.cut]),
    ...(hasBody ? { body: new Uint8Array(body) } : {}),
  });
  const response = await context.send(request);
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

function unreachable(outgoing: ServerResponse, upstream: string, error: unknown): void {
  const reason =
    (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
  const envelope = {
    code: -1,
    message: `the recorder could not reach the upstream ${upstream}: ${reason}`,
    response: null,
  };
  outgoing.writeHead(502, { "content-type": "application/json; charset=utf-8" });
  outgoing.end(JSON.stringify(envelope));
}

function readAll(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("error", reject);
    // A connection cut before the body ended (after "end", this changes nothing).
    incoming.on("close", () => reject(new Error("the client's connection closed before its request ended")));
  });
}

/** Lower-case names; a repeated header joined with ", ", as fetch's Headers does. */
function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

function forwardable(headers: Headers, dropped: Set<string>): Record<string, string> {
  const kept: Record<string, string> = {};
  // `Connection: x-foo` makes x-foo hop-by-hop too.
  const named = (headers.get("connection") ?? "").split(",").map((name) => name.trim().toLowerCase());
  headers.forEach((value, name) => {
    if (!dropped.has(name) && !named.includes(name)) kept[name] = value;
  });
  return kept;
}
