/**
 * Merchant webhook delivery (docs/domain.md §5). After every request `tick()` takes what the core owes,
 * makes one delivery per URL and starts it without waiting, then starts the retries the virtual
 * clock has made due. Attempts run in the background, a bounded number at a time; `settled()`
 * lets a test wait for them instead of sleeping. Why it works as it does: docs/decisions/009.
 */
import type { z } from "zod";
import type { WebhooksQuery } from "../../contracts/mock/webhooks.ts";
import type { MockCore } from "../core/mock-core.ts";
import { failure } from "../core/errors.ts";
import type { MerchantState } from "../core/model.ts";
import { takeOwedWebhooks } from "../core/webhook-queue.ts";
import type { OwedWebhook } from "../core/model.ts";
import { createDeliveryLog, type Delivery, type DeliveryView } from "./delivery-log.ts";
import { setMaxListeners } from "node:events";
import {
  createWebhookAgents,
  keepAliveIdleMs,
  sendWebhook,
  unusableTarget,
  webhookTarget,
  type AttemptOutcome,
  type Timeouts,
  type WebhookTarget,
} from "./send-webhook.ts";
import { MEDIA_TYPES, webhookBody } from "./webhook-body.ts";

/** The documented policy: connect 10 s / read 30 s at first, 15 s in all afterwards; 5 retries a minute apart. */
export const WEBHOOK_POLICY = {
  connectMs: 10_000,
  readMs: 30_000,
  laterTotalMs: 15_000,
  retries: 5,
  retryAfterSeconds: 60,
} as const;

/** Attempts in flight at once; more wait their turn, so a burst of events cannot exhaust sockets. */
const MAX_IN_FLIGHT = 32;

/** GET /__mock/webhooks's query, with the merchant already resolved. */
export type DeliveryFilter = z.output<typeof WebhooksQuery> & { store_code: string };

export interface Pingbacks {
  /** Hands owed webhooks to delivery and starts due retries; never waits for the network. */
  tick(): void;
  /** Resolves once no attempt is in flight or waiting for a slot. */
  settled(): Promise<void>;
  /** Newest first. */
  list(filter: DeliveryFilter): DeliveryView[];
  redeliver(storeCode: string, id: string): DeliveryView;
  redeliverFailed(storeCode: string): DeliveryView[];
  /** Forgets every delivery; attempts in flight are cut and their results dropped. */
  reset(): void;
  /** Cuts attempts in flight and waits for them to end (the mock is closing). */
  close(): Promise<void>;
}

/** Cuts the attempts in flight; each listens to it, and there are at most MAX_IN_FLIGHT of them. */
function stopSignal(): AbortController {
  const stop = new AbortController();
  setMaxListeners(MAX_IN_FLIGHT, stop.signal);
  return stop;
}

export function createPingbacks(core: MockCore): Pingbacks {
  const log = createDeliveryLog(core.config.webhook_log_size);
  const retrying = new Set<Delivery>();
  /** Sending or waiting for a retry: the log never drops these. */
  const underWay = new Set<Delivery>();
  const inFlight = new Set<Promise<void>>();
  /** Attempts waiting for a slot, oldest first from `nextWaiting` (a queue without shifting). */
  let waiting: (() => void)[] = [];
  let nextWaiting = 0;
  let stop = stopSignal();
  const scale = core.config.webhook_timeout_scale;
  const scaled = (ms: number) => Math.max(1, Math.round(ms * scale));
  const agents = createWebhookAgents(core.config.webhook_connections, keepAliveIdleMs(scale));
  /** Each URL read once, however many deliveries and attempts go to it (merchants send to a few). */
  const targets = new Map<string, WebhookTarget>();
  let sequence = 0;

  function deliveriesOf(merchant: MerchantState, event: OwedWebhook): Delivery[] {
    const { webhook, store_code } = merchant.config;
    const urls = event.notice_url?.length ? event.notice_url : webhook.url ? [webhook.url] : [null];
    const { imp_uid, merchant_uid, status, cancellation_id, cause, at } = event;
    const number = ++sequence;
    const event_id = `evt_${number}`;
    const body = webhookBody(event, webhook.content_type);
    return urls.map((url, index) => ({
      view: {
        imp_uid,
        merchant_uid,
        status,
        cancellation_id,
        cause,
        at,
        id: `dlv_${number}_${index + 1}`,
        event_id,
        store_code,
        url,
        content_type: webhook.content_type,
        body,
        state: url === null ? "no_url" : "sending",
        next_attempt_at: null,
        attempts: [],
      },
      retries: webhook.retries,
      automaticAttempts: 0,
      finishes: 0,
    }));
  }

  function targetOf(url: string): WebhookTarget {
    let target = targets.get(url);
    if (target === undefined) {
      target = webhookTarget(url);
      // Bounded like the log: a test sending to ever new URLs must not grow this for ever.
      if (targets.size >= core.config.webhook_log_size) targets.clear();
      targets.set(url, target);
    }
    return target;
  }

  function start(delivery: Delivery, kind: "first" | "retry" | "redelivery"): void {
    const view = delivery.view;
    const at = core.clock.now();
    const signal = stop.signal;
    view.state = "sending";
    underWay.add(delivery);
    if (kind !== "redelivery") {
      delivery.automaticAttempts += 1;
      view.next_attempt_at = null;
      retrying.delete(delivery);
    }
    const target = targetOf(view.url!);
    // A URL no attempt can use fails now, without a turn, a promise or a socket.
    if (!target.ok) return record(delivery, kind, at, unusableTarget(target.error));
    const timeouts: Timeouts =
      kind === "first"
        ? { connectMs: scaled(WEBHOOK_POLICY.connectMs), readMs: scaled(WEBHOOK_POLICY.readMs) }
        : { totalMs: scaled(WEBHOOK_POLICY.laterTotalMs) };
    const attempt = async () => {
      const outcome = await sendWebhook(target, agents, view.body, MEDIA_TYPES[view.content_type], timeouts, signal);
      // A reset (or close) since the attempt began: the delivery belongs to the forgotten state.
      if (signal.aborted) return;
      record(delivery, kind, at, outcome);
    };
    runInTurn(attempt);
  }

  function record(
    delivery: Delivery,
    kind: "first" | "retry" | "redelivery",
    at: number,
    outcome: AttemptOutcome,
  ): void {
    const view = delivery.view;
    view.attempts.push({
      number: view.attempts.length + 1,
      kind,
      at,
      url: view.url!,
      status: outcome.status,
      error: outcome.error,
      latency_ms: outcome.latencyMs,
      response_excerpt: outcome.responseExcerpt,
    });
    const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
    if (ok) {
      view.state = "delivered";
      view.next_attempt_at = null;
      retrying.delete(delivery);
    } else if (kind === "redelivery") {
      // A resend that fails leaves a waiting retry where it was.
      view.state = view.next_attempt_at === null ? "failed" : "retrying";
    } else {
      if (outcome.retryable && delivery.retries && delivery.automaticAttempts <= WEBHOOK_POLICY.retries) {
        view.state = "retrying";
        view.next_attempt_at = core.clock.now() + WEBHOOK_POLICY.retryAfterSeconds;
        retrying.add(delivery);
      } else view.state = "failed";
    }
    if (view.state !== "retrying") {
      underWay.delete(delivery);
      log.finished(delivery);
    }
    log.trim(underWay.size);
  }

  function runInTurn(attempt: () => Promise<void>): void {
    if (inFlight.size >= MAX_IN_FLIGHT) {
      waiting.push(() => runInTurn(attempt));
      return;
    }
    const running: Promise<void> = attempt().finally(() => {
      inFlight.delete(running);
      nextInTurn();
    });
    inFlight.add(running);
  }

  function nextInTurn(): void {
    if (nextWaiting === waiting.length) return;
    const next = waiting[nextWaiting++]!;
    // Drop the ones already started once they are most of the array, so it never grows for ever.
    if (nextWaiting > 1024 && nextWaiting * 2 > waiting.length) {
      waiting = waiting.slice(nextWaiting);
      nextWaiting = 0;
    }
    next();
  }

  function forgetWaiting(): void {
    waiting = [];
    nextWaiting = 0;
  }

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  function owned(storeCode: string, id: string): Delivery {
    const delivery = log.get(id);
    if (!delivery || delivery.view.store_code !== storeCode)
      throw failure(
        "notFound",
        `no webhook delivery ${id} for ${storeCode} (GET /__mock/webhooks lists them; the log keeps the newest ${core.config.webhook_log_size} finished ones)`,
      );
    return delivery;
  }

  function redeliver(delivery: Delivery): DeliveryView {
    const view = delivery.view;
    if (view.url === null)
      throw failure(
        "conflict",
        `webhook delivery ${view.id} has no URL to send to: the request had no notice_url and the merchant no webhook.url`,
      );
    if (view.state === "sending")
      throw failure(
        "conflict",
        `webhook delivery ${view.id} is being sent right now; redeliver it once the attempt ends`,
      );
    start(delivery, "redelivery");
    return view;
  }

  return {
    tick() {
      for (const merchant of core.store.merchants) {
        if (merchant.webhookQueue.length === 0) continue;
        for (const event of takeOwedWebhooks(merchant)) {
          for (const delivery of deliveriesOf(merchant, event)) {
            log.add(delivery);
            if (delivery.view.url === null) log.finished(delivery);
            else start(delivery, "first");
          }
        }
      }
      log.trim(underWay.size);
      if (retrying.size === 0) return;
      const now = core.clock.now();
      const due = [...retrying]
        .filter((delivery) => delivery.view.next_attempt_at! <= now)
        .sort((a, b) => a.view.next_attempt_at! - b.view.next_attempt_at!);
      for (const delivery of due) start(delivery, "retry");
    },
    settled,
    list({ store_code, state, imp_uid, merchant_uid, limit }) {
      const matches = [...log.all()].filter(
        ({ view }) =>
          view.store_code === store_code &&
          (state === undefined || view.state === state) &&
          (imp_uid === undefined || view.imp_uid === imp_uid) &&
          (merchant_uid === undefined || view.merchant_uid === merchant_uid),
      );
      return matches
        .slice(-limit)
        .reverse()
        .map((delivery) => delivery.view);
    },
    redeliver: (storeCode, id) => redeliver(owned(storeCode, id)),
    redeliverFailed(storeCode) {
      const failed = [...log.all()].filter(({ view }) => view.store_code === storeCode && view.state === "failed");
      return failed.map(redeliver);
    },
    async close() {
      stop.abort();
      stop = stopSignal();
      forgetWaiting();
      await settled();
      agents.http.destroy();
      agents.https.destroy();
    },
    reset() {
      stop.abort();
      stop = stopSignal();
      forgetWaiting();
      retrying.clear();
      underWay.clear();
      log.clear();
      sequence = 0;
    },
  };
}
