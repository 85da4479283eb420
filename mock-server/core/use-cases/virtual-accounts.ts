/** Virtual accounts through the API: issued on the channel named (or the default), changed and revoked by the one that issued them. */
import { resolveChannel } from "../channels.ts";
import type { PaymentView } from "../model.ts";
import { issueVbank, modifyVbank, revokeVbank, type VbankChange, type VbankRequest } from "../payments/vbanks.ts";
import { servedBy, servedByPaymentsChannel, type UseCaseContext } from "../use-case.ts";

export function issueVirtualAccount(ctx: UseCaseContext, body: VbankRequest): PaymentView {
  const channel = resolveChannel(ctx.merchant, { channel_key: body.channel_key });
  return servedBy(ctx, { channel }, () => issueVbank(ctx.deps, ctx.merchant, channel, body).view);
}

export function changeVirtualAccount(ctx: UseCaseContext, imp_uid: string, body: VbankChange): PaymentView {
  return servedByPaymentsChannel(
    ctx,
    imp_uid,
    (payment, channel) => modifyVbank(ctx.deps, payment, body, channel).view,
  );
}

export function revokeVirtualAccount(ctx: UseCaseContext, imp_uid: string): PaymentView {
  return servedByPaymentsChannel(ctx, imp_uid, (payment) => revokeVbank(ctx.deps, payment).view);
}
