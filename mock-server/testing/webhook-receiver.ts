/**
 * A webhook receiver for tests: an HTTP server on 127.0.0.1 that records every request PortOne
 * (the mock, or anything else) sends it, and can be told to misbehave the way real receivers do:
 * answer 500, hang without answering, or drop the connection. `waitFor` resolves on arrival, so a
 * test waits for an event instead of sleeping.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the receiver does with one request: answer 200, answer 500, never answer, or cut the connection. */
export type ReceiverAnswer = "ok" | "error500" | "hang" | "drop";

export interface ReceivedRequest {
  /** Arrival order, from 1. */
  sequence: number;
  method: string;
  path: string;
  contentType: string | null;
  /** The body as sent. */
  raw: string;
  /** The body read as JSON or as a form, by its content type; `{}` when it is neither. */
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** Which connection it came on, numbered from 1 in the order they were opened: kept-alive ones repeat. */
  connectionNumber: number;
  answer: ReceiverAnswer;
}

/** Decides the answer to each request; the default answers every request 200. */
export type AnswerPolicy = (request: Omit<ReceivedRequest, "answer">) => ReceiverAnswer;

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`; any path on it is accepted. */
  readonly url: string;
  /** Every request so far, in arrival order. */
  readonly received: readonly ReceivedRequest[];
  /** Give the next `count` requests this answer, then go back to the policy. */
  failNext(count: number, answer: Exclude<ReceiverAnswer, "ok">): void;
  /** Replace the policy (e.g. a seeded one that fails a share of requests at random). */
  setPolicy(policy: AnswerPolicy): void;
  /** The first request, already received or still to come, that matches; rejects after `timeoutMs` listing what arrived. */
  waitFor(predicate: (request: ReceivedRequest) => boolean, options?: { timeoutMs?: number }): Promise<ReceivedRequest>;
  /** Stops listening and cuts every open connection, hung ones included. */
  close(): Promise<void>;
}

const answerAll: AnswerPolicy = () => "ok";

function parseBody(raw: string, contentType: string | null): Record<string, unknown> {
  try {
    if (contentType?.includes("json")) {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    }
    if (contentType?.includes("x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  } catch {
    // A body that does not parse is still recorded as sent, in `raw`.
  }
  return {};
}

export async function startWebhookReceiver(options: { port?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const connectionNumbers = new WeakMap<Socket, number>();
  let connections = 0;
  const waiters = new Set<(request: ReceivedRequest) => void>();
  let forced: { count: number; answer: Exclude<ReceiverAnswer, "ok"> }[] = [];
  let policy = answerAll;

  const nextAnswer = (request: Omit<ReceivedRequest, "answer">): ReceiverAnswer => {
    const head = forced[0];
    if (!head) return policy(request);
    head.count -= 1;
    if (head.count === 0) forced = forced.slice(1);
    return head.answer;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const contentType = req.headers["content-type"] ?? null;
    const seen = {
      sequence: received.length + 1,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      contentType,
      raw,
      body: parseBody(raw, contentType),
      headers: { ...req.headers },
      connectionNumber: connectionNumbers.get(req.socket)!,
    };
    const request: ReceivedRequest = { ...seen, answer: nextAnswer(seen) };
    received.push(request);
    for (const waiter of [...waiters]) waiter(request);
    switch (request.answer) {
      case "ok":
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      case "error500":
        res.writeHead(500, { "content-type": "text/plain" }).end("the receiver was told to fail");
        return;
      case "drop":
        req.socket.destroy();
        return;
      case "hang":
        // Never answered; close() cuts the connection.
        return;
    }
  };

  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => handle(req, res, raw));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    connectionNumbers.set(socket, ++connections);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext(count, answer) {
      if (!Number.isInteger(count) || count < 1)
        throw new RangeError(`failNext takes a whole number of requests, 1 or more (got ${count})`);
      forced = [...forced, { count, answer }];
    },
    setPolicy(next) {
      policy = next;
    },
    waitFor(predicate, { timeoutMs = 5000 } = {}) {
      const already = received.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = (request: ReceivedRequest) => {
          if (!predicate(request)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(request);
        };
        // A bound on how long a broken test hangs, not a delay anything depends on.
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `no matching request within ${timeoutMs} ms; received ${received.length}: ${received.map((r) => `${r.method} ${r.path} ${r.raw.slice(0, 80)}`).join(" | ") || "nothing"}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
