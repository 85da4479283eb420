/**
 * Webhook deliveries, bounded like the journal: when it is full the delivery that finished longest
 * ago goes. A delivery still sending or waiting for a retry is never dropped, so no event is lost
 * to the bound.
 */
import type { z } from "zod";
import type { WebhookDelivery } from "../../contracts/mock/webhooks.ts";

export type DeliveryView = z.output<typeof WebhookDelivery>;

export interface Delivery {
  view: DeliveryView;
  /** Whether the merchant had retries on when the event was owed. */
  retries: boolean;
  /** Attempts the policy made by itself (the first and its retries); redeliveries do not count. */
  automaticAttempts: number;
  /** Which of its finishes is the latest (a redelivery finishes it again). */
  finishes: number;
}

export interface DeliveryLog {
  add(delivery: Delivery): void;
  get(id: string): Delivery | undefined;
  /** Oldest first. */
  all(): IterableIterator<Delivery>;
  /** Records that the delivery reached a final state, making it a candidate for dropping. */
  finished(delivery: Delivery): void;
  /** Drops deliveries that finished longest ago, beyond the bound, given how many are under way. */
  trim(unfinishedCount: number): void;
  clear(): void;
}

export function createDeliveryLog(size: number): DeliveryLog {
  const deliveries = new Map<string, Delivery>();
  // Finishes in order, as a queue: walking the map from its start would skip over the holes its
  // deletions leave, which costs more with every delivery dropped.
  let finishes: { delivery: Delivery; finish: number }[] = [];
  let head = 0;
  return {
    add(delivery) {
      deliveries.set(delivery.view.id, delivery);
    },
    get: (id) => deliveries.get(id),
    all: () => deliveries.values(),
    finished(delivery) {
      delivery.finishes += 1;
      finishes.push({ delivery, finish: delivery.finishes });
    },
    trim(unfinishedCount) {
      let excess = deliveries.size - unfinishedCount - size;
      while (excess > 0 && head < finishes.length) {
        const { delivery, finish } = finishes[head++]!;
        const state = delivery.view.state;
        // A later finish (after a redelivery) or a delivery sent again since keeps its place.
        if (
          finish !== delivery.finishes ||
          state === "sending" ||
          state === "retrying" ||
          !deliveries.has(delivery.view.id)
        )
          continue;
        deliveries.delete(delivery.view.id);
        excess -= 1;
      }
      if (head > 1024 && head * 2 > finishes.length) {
        finishes = finishes.slice(head);
        head = 0;
      }
    },
    clear() {
      deliveries.clear();
      finishes = [];
      head = 0;
    },
  };
}
