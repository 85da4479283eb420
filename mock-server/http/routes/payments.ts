/** /payments: lookups, refunds and amount pre-registration. */
import { Hono } from "hono";
import { failure } from "../../core/errors.ts";
import { paymentBalance } from "../../core/payments/balance.ts";
import { refund } from "../../core/use-cases/refunds.ts";
import {
  findAllByMerchantUid,
  findByImpUid,
  findByStatus,
  findLatestByMerchantUid,
  findMany,
  type Page,
  type Visibility,
} from "../../core/payments/lookups.ts";
import { editPrepared, prepare, preparedFor } from "../../core/prepared.ts";
import type { PaymentRecord } from "../../core/model.ts";
import type { MockEnv } from "../env.ts";
import { Reply } from "../answer.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

const views = (page: Page<PaymentRecord>) => ({ ...page, list: page.list.map((r) => r.view) });

export function paymentsRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  const { core } = context;
  const visibility = (include_sandbox?: boolean): Visibility => ({
    includeSandbox: include_sandbox ?? !core.config.hide_sandbox_by_default,
  });

  serve("getPaymentByImpUid", {
    handle: ({ merchant, params, query }) =>
      findByImpUid(merchant, params.imp_uid, visibility(query.include_sandbox)).view,
  });
  serve("getPaymentListByImpUid", {
    handle: ({ merchant, query }) => {
      const { found, missing } = findMany(merchant, query.imp_uid ?? [], query.merchant_uid ?? [], visibility());
      if (found.length === 0)
        throw failure("notFound", `none of ${missing.join(", ")} names a payment of this merchant`, "paymentsNotFound");
      // 207: some identifiers named no payment of this merchant (the official document's partial answer).
      return new Reply(
        missing.length ? 207 : 200,
        found.map((r) => r.view),
      );
    },
  });
  serve("getPaymentByMerchantUid", {
    handle: ({ merchant, params, query }) =>
      findLatestByMerchantUid(merchant, params.merchant_uid, params.payment_status, query.sorting, visibility()).view,
  });
  serve("getAllPaymentsByMerchantUid", {
    handle: ({ merchant, params, query }) =>
      views(findAllByMerchantUid(merchant, params.merchant_uid, params.payment_status, query, visibility())),
  });
  serve("getPaymentsByStatus", {
    handle: ({ merchant, params, query, deps }) =>
      views(findByStatus(merchant, params.payment_status, query, deps.now, visibility())),
  });
  serve("balanceByImpUid", {
    handle: ({ merchant, params }) => paymentBalance(findByImpUid(merchant, params.imp_uid, visibility())),
  });
  serve("cancelPayment", { useCase: ({ ctx, body }) => refund(ctx, body) });
  serve("preparePayment", { handle: ({ merchant, body }) => prepare(merchant, body) });
  serve("editPreparePayment", { handle: ({ merchant, body }) => editPrepared(merchant, body) });
  serve("getPaymentPrepareByMerchantUid", {
    handle: ({ merchant, params }) => preparedFor(merchant, params.merchant_uid),
  });
  return app;
}
