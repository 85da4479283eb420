/**
 * One mock instance's domain state and services, free of HTTP: the configuration, the virtual
 * clock, the seeded random source, the store, armed failures and the journal, and what time
 * brings about by itself (scheduled payments, ratio changes, delayed PG notices).
 */
import type { MockConfig } from "../../contracts/mock/config.ts";
import type { OperationKey } from "../../contracts/operations.ts";
import type { RequestParts } from "../pg/validate-request.ts";
import { createArmedFailures, type ArmedFailures } from "./armed-failures.ts";
import { registerBrowserBillingKey } from "./billing-keys.ts";
import type { VirtualClock } from "./clock.ts";
import { createJournal, type Journal } from "./journal.ts";
import type { Deps } from "./deps.ts";
import type { SeededRandom } from "./random.ts";
import { takeDueNotices } from "./notice-schedule.ts";
import { receiveScheduledNotice } from "./pg-notices.ts";
import { runDueSchedules } from "./schedules.ts";
import { seedPayments } from "./seed-payments.ts";
import { createStore } from "./store.ts";
import type { MerchantState, Store } from "./model.ts";
import type { UseCaseContext } from "./use-case.ts";
import { applyRatioChange, dueRatioChanges, groupsOfConfig } from "./routing/groups.ts";

export interface MockCore {
  config: MockConfig;
  clock: VirtualClock;
  random: SeededRandom;
  store: Store;
  failures: ArmedFailures;
  journal: Journal;
  /** What a domain call needs, with the clock read once so one request sees one moment. */
  deps(): Deps;
  /** What a use case gets for one request of a merchant: its moment, the operation, the request as sent, the armed failures. */
  contextFor(deps: Deps, merchant: MerchantState, operation: OperationKey, sent: RequestParts): UseCaseContext;
  /**
   * Runs what the passing of time has made due (scheduled payments, scheduled ratio changes of
   * smart-routing groups, PG notices with a delay), each at its own moment and in time order. Called
   * before every request and after the clock is moved, so a wall clock needs no timer.
   */
  catchUp(): void;
  /** Back to the state right after creation: seeded keys restored, clock and random rewound. */
  reset(): void;
}

export function createMockCore(config: MockConfig, clock: VirtualClock, random: SeededRandom): MockCore {
  // The store holds groups but knows nothing of routing: the constructor hands it the builder.
  const store = createStore(config, groupsOfConfig);
  const failures = createArmedFailures();
  const core: MockCore = {
    config,
    clock,
    random,
    store,
    failures,
    journal: createJournal(config.journal_size),
    deps: () => ({ store, random, now: clock.now() }),
    contextFor: (deps, merchant, operation, sent) => ({ deps, merchant, operation, sent, failures, armedAsked: false }),
    catchUp() {
      const deps = core.deps();
      for (const merchant of store.merchants) {
        const changes = dueRatioChanges(merchant, deps.now);
        const notices = takeDueNotices(merchant, deps.now);
        // Nearly every request finds nothing due: then only the schedules are looked at.
        if (changes.length > 0 || notices.length > 0) {
          const moments = [
            ...changes.map((group) => ({
              at: group.ratioChange!.at,
              run: () => applyRatioChange(group),
            })),
            ...notices.map((notice) => ({
              at: notice.at,
              run: () => receiveScheduledNotice({ ...deps, now: notice.at }, merchant, notice),
            })),
          ].sort((a, b) => a.at - b.at);
          // Each at its own moment, after the schedules due before it: a ratio change at 10:00
          // applies to a schedule at 10:00 and after, not to one at 09:59.
          for (const moment of moments) {
            runDueSchedules({ ...deps, now: moment.at - 1 }, merchant, core.failures);
            moment.run();
          }
        }
        runDueSchedules(deps, merchant, core.failures);
      }
    },
    reset() {
      clock.reset();
      random.reset();
      store.reset();
      core.failures.clear();
      core.journal.clear();
      seedBillingKeys(core);
      store.merchants.forEach((merchant, m) => seedPayments(core.deps(), merchant, m));
    },
  };
  seedBillingKeys(core);
  store.merchants.forEach((merchant, m) => seedPayments(core.deps(), merchant, m));
  return core;
}

function seedBillingKeys(core: MockCore) {
  for (const merchant of core.store.merchants) {
    for (const key of merchant.config.billing_keys) {
      const channel = merchant.channels.get(key.channel_key)!;
      registerBrowserBillingKey(core.deps(), merchant, { ...key, channel });
    }
  }
}
