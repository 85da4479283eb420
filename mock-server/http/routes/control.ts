/** The control API under /__mock: reset, state, armed failures, the clock, the journal and simulated buyer and PG events. */
import { Hono, type Context } from "hono";
import type { z } from "zod";
import {
  CONTROL_PREFIX,
  controlOperations,
  type ControlOperation,
  type ControlOperationKey,
} from "../../../contracts/mock/control.ts";
import { registerBrowserBillingKey } from "../../core/billing-keys.ts";
import { configuredChannel } from "../../core/channels.ts";
import { cancelFromConsole } from "../../core/use-cases/refunds.ts";
import { checkOut } from "../../core/use-cases/browser-checkout.ts";
import { receivePgNotice } from "../../core/pg-notices.ts";
import type { Pingbacks } from "../../pingback/pingbacks.ts";
import { failure } from "../../core/errors.ts";
import type { MockCore } from "../../core/mock-core.ts";
import type { MerchantState } from "../../core/model.ts";
import { merchantStateView } from "../../core/state-view.ts";
import { issueList } from "../../zod-issues.ts";
import { readBody, readQuery } from "../read-request.ts";
import type { MockEnv } from "../env.ts";
import { answer } from "../answer.ts";
import type { ControlCall } from "../control-call.ts";
import { dashboardRoutes } from "../dashboard/routes.tsx";
import { honoPath, type RouteContext } from "../operation-route.ts";
import { changeGroup, createGroup, deleteGroup, groupOf, groupView } from "../../core/routing/groups.ts";

type Input<K extends ControlOperationKey> = {
  params: (typeof controlOperations)[K] extends { params: infer S extends z.ZodType }
    ? z.output<S>
    : Record<string, never>;
  query: (typeof controlOperations)[K] extends { query: infer S extends z.ZodType }
    ? z.output<S>
    : Record<string, never>;
  body: (typeof controlOperations)[K] extends { body: infer S extends z.ZodType } ? z.output<S> : Record<string, never>;
};

function merchantOf(core: MockCore, storeCode: string | undefined): MerchantState {
  if (storeCode === undefined) return core.store.merchants[0]!;
  const merchant = core.store.merchantByStoreCode(storeCode);
  if (!merchant)
    throw failure(
      "notFound",
      `store_code ${storeCode} names no configured merchant (known: ${core.store.merchants.map((m) => m.config.store_code).join(", ")})`,
    );
  return merchant;
}

/** One part of a control call's input, checked against its contract ({} when the call has none). */
function checked(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return {};
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw failure("invalidRequest", issueList(parsed.error, "body").join("; "));
  return parsed.data;
}

export function controlRoutes({ core, checkResponses }: RouteContext, pingbacks: Pingbacks): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const handlers = new Map<ControlOperationKey, (input: Input<ControlOperationKey>) => unknown>();
  // The routes below and the dashboard's actions both go through here (control-call.ts).
  const run: ControlCall = async (key, raw = {}) => {
    const operation: ControlOperation = controlOperations[key];
    // What came due before this call happens first, as it would have in real time.
    if (key !== "reset") {
      core.catchUp();
      pingbacks.tick();
    }
    const input = {
      params: checked(operation.params, raw.params),
      query: checked(operation.query, raw.query),
      body: checked(operation.body, raw.body),
    } as Input<ControlOperationKey>;
    return (await handlers.get(key)!(input)) as never;
  };
  const serve = <K extends ControlOperationKey>(key: K, handle: (input: Input<K>) => unknown) => {
    const operation: ControlOperation = controlOperations[key];
    handlers.set(key, handle as (input: Input<ControlOperationKey>) => unknown);
    app.on(operation.method.toUpperCase(), honoPath(`${CONTROL_PREFIX}${operation.path}`), (c: Context<MockEnv>) =>
      answer(c, operation.response, checkResponses, async () => {
        c.get("note").operation = `control:${key}`;
        return run(key, {
          params: c.req.param(),
          query: operation.query ? readQuery(c, operation.query) : {},
          body: operation.body ? await readBody(c, operation.body, core.config.body_limit_bytes) : {},
        });
      }),
    );
  };
  const clockView = () => ({ now: core.clock.now(), mode: core.clock.mode });

  serve("reset", () => {
    core.reset();
    pingbacks.reset();
    return clockView();
  });
  serve("getState", ({ query }) =>
    merchantStateView(merchantOf(core, query.store_code), core.clock.now(), core.failures),
  );
  serve("armFailure", ({ body }) => {
    const merchant = merchantOf(core, body.store_code);
    if (body.channel_key !== undefined) configuredChannel(merchant, body.channel_key);
    return core.failures.arm({
      store_code: merchant.config.store_code,
      channel_key: body.channel_key ?? null,
      operation: body.operation ?? null,
      outcome: body.outcome,
      message: body.message ?? null,
      remaining: body.count,
    });
  });
  serve("listFailures", () => core.failures.list());
  serve("clearFailures", () => core.failures.clear());
  serve("getClock", clockView);
  serve("advanceClock", ({ body }) => {
    core.clock.advance(body.seconds);
    core.catchUp();
    return clockView();
  });
  serve("setClock", ({ body }) => {
    core.clock.set(body.now);
    core.catchUp();
    return clockView();
  });
  serve("getJournal", ({ query }) => core.journal.list(query));
  serve("registerBillingKey", ({ body }) => {
    const merchant = merchantOf(core, body.store_code);
    const channel = configuredChannel(merchant, body.channel_key);
    return registerBrowserBillingKey(core.deps(), merchant, { ...body, channel }).view;
  });
  serve("completeCheckout", ({ body: { store_code, ...checkout } }) =>
    checkOut(core.deps(), merchantOf(core, store_code), checkout),
  );
  serve(
    "sendPgNotice",
    ({ body: { store_code, ...notice } }) => receivePgNotice(core.deps(), merchantOf(core, store_code), notice).view,
  );
  serve("consoleCancel", ({ params, body: { store_code, ...request } }) =>
    cancelFromConsole(core.deps(), merchantOf(core, store_code), params.imp_uid, request),
  );
  serve("listWebhooks", ({ query: { store_code, ...filter } }) =>
    pingbacks.list({ store_code: merchantOf(core, store_code).config.store_code, ...filter }),
  );
  serve("redeliverWebhook", ({ params, query }) =>
    pingbacks.redeliver(merchantOf(core, query.store_code).config.store_code, params.delivery_id),
  );
  serve("redeliverFailedWebhooks", ({ body }) =>
    pingbacks.redeliverFailed(merchantOf(core, body.store_code).config.store_code),
  );
  serve("listGroups", ({ query }) => [...merchantOf(core, query.store_code).groups.values()].map(groupView));
  serve("createGroup", ({ body: { store_code, ...definition } }) => {
    const merchant = merchantOf(core, store_code);
    return groupView(createGroup(merchant, core.random, core.clock.now(), definition));
  });
  serve("getGroup", ({ params, query }) =>
    groupView(groupOf(merchantOf(core, query.store_code), params.group_id, "notFound")),
  );
  serve("changeGroup", ({ params, body: { store_code, ...change } }) =>
    groupView(changeGroup(merchantOf(core, store_code), core.clock.now(), params.group_id, change)),
  );
  serve("dropRatioChange", ({ params, query }) =>
    groupView(
      changeGroup(merchantOf(core, query.store_code), core.clock.now(), params.group_id, { ratio_change: null }),
    ),
  );
  serve("deleteGroup", ({ params, query }) =>
    groupView(deleteGroup(merchantOf(core, query.store_code), params.group_id)),
  );
  app.route("/", dashboardRoutes({ core, run }));
  return app;
}
