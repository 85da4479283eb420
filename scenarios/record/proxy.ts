/**
 * The recording proxy's HTTP side: a server on 127.0.0.1 (by default) that forwards every request
 * unchanged to the upstream and its answer unchanged back, and reports each exchange. An upstream
 * that cannot be reached is answered with 502 in iamport's envelope, and not reported.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RecordedExchange } from "./exchange.ts";

export type FetchLike = (request: Request) => Promise<Response>;

export interface ProxyOptions {
  upstream: string;
  port?: number | undefined;
  host?: string | undefined;
  /** How requests reach the upstream: global fetch by default (an in-process mock's `fetch` in tests). */
  fetch?: FetchLike | undefined;
  /** Give up on the upstream after this long, answering 502 (default 60 s). */
  timeoutMs?: number | undefined;
  onExchange(exchange: RecordedExchange): void;
}

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

/**
 * Headers that describe one connection, not the message (RFC 9110, 7.6.1), and `host`, which names
 * this proxy. Also `content-length` (recomputed for the buffered body) and `accept-encoding`: the
 * upstream is asked for plain bodies, so what is recorded is the text that was sent.
 */
const REQUEST_HEADERS_NOT_FORWARDED = new Set([
  "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
  "transfer-encoding", "upgrade", "host", "content-length", "accept-encoding",
]);
/** fetch has already decoded a compressed body, so its encoding and length no longer describe it. */
const RESPONSE_HEADERS_NOT_FORWARDED = new Set([...REQUEST_HEADERS_NOT_FORWARDED, "content-encoding"]);

export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const upstream = options.upstream.replace(/\/+$/, "");
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const context: ForwardContext = { upstream, send, timeoutMs: options.timeoutMs ?? 60_000, onExchange: options.onExchange };
  const server = createServer((incoming, outgoing) => {
    // Only a broken client connection gets to the catch; there is no one left to answer.
    forward(incoming, outgoing, context).catch((error: unknown) => outgoing.destroy(error as Error));
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve(server.address() as AddressInfo));
  });
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${address.port}`,
    // Once: the command closes before writing the file, and a test's clean-up may close again.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      })),
  };
}

interface ForwardContext {
  upstream: string;
  send: FetchLike;
  timeoutMs: number;
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
    return unreachable(outgoing, context.upstream, error);
  }
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

async function ask(context: ForwardContext, method: string, url: string, headers: Record<string, string>, body: Buffer) {
  const hasBody = body.length > 0 && method !== "GET" && method !== "HEAD";
  const request = new Request(url, {
    method,
    headers: forwardable(new Headers(headers), REQUEST_HEADERS_NOT_FORWARDED),
    redirect: "manual",
    signal: AbortSignal.timeout(context.timeoutMs),
    ...(hasBody ? { body: new Uint8Array(body) } : {}),
  });
  const response = await context.send(request);
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

function unreachable(outgoing: ServerResponse, upstream: string, error: unknown): void {
  const reason = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
  const envelope = { code: -1, message: `the recorder could not reach the upstream ${upstream}: ${reason}`, response: null };
  outgoing.writeHead(502, { "content-type": "application/json; charset=utf-8" });
  outgoing.end(JSON.stringify(envelope));
}

function readAll(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("error", reject);
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
