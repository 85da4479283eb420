/** /receipts: cash receipts for PortOne payments (by imp_uid) and for payments made elsewhere (by merchant_uid). */
import { Hono } from "hono";
import {
  issueCashReceipt,
  issueExternalCashReceipt,
  revokeCashReceipt,
  revokeExternalCashReceipt,
  showCashReceipt,
  showExternalCashReceipt,
} from "../../core/use-cases/cash-receipts.ts";
import type { MockEnv } from "../env.ts";
import { operationServer, type RouteContext } from "../operation-route.ts";

export function receiptsRoutes(context: RouteContext): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  const serve = operationServer(app, context);
  serve("issueReceipt", { useCase: ({ ctx, params, body }) => issueCashReceipt(ctx, params.imp_uid, body) });
  serve("getReceipt", { useCase: ({ ctx, params }) => showCashReceipt(ctx, params.imp_uid) });
  serve("revokeReceipt", { useCase: ({ ctx, params }) => revokeCashReceipt(ctx, params.imp_uid) });
  serve("issueExternalReceipt", {
    useCase: ({ ctx, params, body }) => issueExternalCashReceipt(ctx, params.merchant_uid, body),
  });
  serve("getExternalReceipt", { useCase: ({ ctx, params }) => showExternalCashReceipt(ctx, params.merchant_uid) });
  serve("revokeExternalReceipt", { useCase: ({ ctx, params }) => revokeExternalCashReceipt(ctx, params.merchant_uid) });
  return app;
}
